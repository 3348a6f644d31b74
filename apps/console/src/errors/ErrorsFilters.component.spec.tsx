/** @jest-environment jsdom */
import type { TagList, UserSummary } from '@faultline/contracts/browser';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { renderWith } from '../testing/render';
import { ErrorsFilters } from './ErrorsFilters';
import { useErrorsAddress } from './filter/useErrorsAddress';

const ned: UserSummary = { userId: 'usr-ned', accountId: 'acc', email: 'ned@example.test', name: 'Ned', role: 'member', status: 'active', access: {} };
const tags: TagList = { items: [] };

/** The filters wired to the address as the Errors page wires them, and the address they leave. */
function FiltersInAddress() {
  const { filter, setFilter } = useErrorsAddress();
  const searchRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <ErrorsFilters filter={filter} onChange={setFilter} searchRef={searchRef} />
      <output aria-label="address">{useLocation().search}</output>
    </>
  );
}

function openAt(address: string) {
  renderWith(
    <MemoryRouter initialEntries={[address]}>
      <FiltersInAddress />
    </MemoryRouter>,
    [
      [['identity', 'users'], [ned]],
      [['errors', 'tags'], tags],
    ],
  );
}

/** The control labelled so (a select's list is labelled by it too). */
function input(label: string): HTMLInputElement {
  const found = screen.getAllByLabelText(label).find((element): element is HTMLInputElement => element instanceof HTMLInputElement);
  if (!found) throw new Error(`no input labelled ${label}`);
  return found;
}
const address = () => new URLSearchParams(screen.getByLabelText('address').textContent ?? '');

describe('the Errors filters and the address', () => {
  it('an address opens with its filter in the controls', () => {
    openAt('/errors?assignee=me&q=timeout&severity=high&flowId=orders');
    expect(input('Message contains').value).toBe('timeout');
    expect(input('Flow').value).toBe('orders');
    expect(input('Assignee').value).toBe('Me');
    expect(input('Severity').value).toBe('high');
  });

  it('typing lands in the address after a pause, keeping the rest of the filter and the columns', async () => {
    openAt('/errors?assignee=me&columns=class,assignee');
    await userEvent.type(input('Integration'), ' shopify ');
    await waitFor(() => expect(address().get('integrationId')).toBe('shopify'));
    expect(address().get('assignee')).toBe('me');
    expect(address().get('columns')).toBe('message,class,assignee');
  });

  it('a person chosen as assignee is written as their id; an HTTP status is written only when it is one', async () => {
    openAt('/errors');
    await userEvent.click(input('Assignee'));
    await userEvent.click(screen.getByRole('option', { name: 'Ned' }));
    expect(address().get('assignee')).toBe('usr-ned');
    await userEvent.type(input('HTTP status'), '5xx');
    // Past the typing pause: what it would have written is written by now.
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(address().has('httpStatus')).toBe(false);
    await userEvent.clear(input('HTTP status'));
    await userEvent.type(input('HTTP status'), '503');
    await waitFor(() => expect(address().get('httpStatus')).toBe('503'));
  });

  it('"Clear filters" keeps only the tab', async () => {
    openAt('/errors?status=resolved&assignee=me&q=timeout&tags=t1');
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(address().toString()).toBe('status=resolved');
    expect(input('Message contains').value).toBe('');
  });
});
