/** @jest-environment jsdom */
import type { AccessLevel } from '@faultline/access-policy';
import type { MonitorView } from '@faultline/contracts/browser';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { renderWith } from '../testing/render';
import { AccessPicker } from './AccessPicker';

const counts = { open: 1, assigned: 0, unassigned: 1 };
const monitor: MonitorView = { totals: counts, integrations: [{ integrationId: 'shopify', name: 'Shopify ↔ NetSuite', ...counts }, { integrationId: 'acme', name: null, ...counts }], flows: [], steps: [], tags: [] };

function Picked({ initial }: { initial: Record<string, AccessLevel> }) {
  const [access, setAccess] = useState(initial);
  return (
    <>
      <AccessPicker legend="Integration access" value={access} onChange={setAccess} />
      <output aria-label="picked">{JSON.stringify(access)}</output>
    </>
  );
}

const picked = () => JSON.parse(screen.getByLabelText('picked').textContent ?? '{}');

describe('the access picker', () => {
  it('offers the integrations with errors and those granted, and picks a level for each', async () => {
    renderWith(<Picked initial={{ zeta: 'manage' }} />, [[['errors', 'monitor'], monitor]]);
    const offered = screen.getAllByRole('radiogroup').map((group) => group.getAttribute('aria-label'));
    expect(offered).toEqual(['Access to acme', 'Access to Shopify ↔ NetSuite (shopify)', 'Access to zeta']);
    expect(screen.getByText('Shopify ↔ NetSuite (shopify)')).toBeTruthy();
    await userEvent.click(within(screen.getByRole('radiogroup', { name: 'Access to Shopify ↔ NetSuite (shopify)' })).getByLabelText('monitor'));
    await userEvent.click(within(screen.getByRole('radiogroup', { name: 'Access to zeta' })).getByLabelText('none'));
    expect(picked()).toEqual({ shopify: 'monitor' });
  });

  it('adds an integration that has not failed yet by its id, with monitor access', async () => {
    renderWith(<Picked initial={{}} />, [[['errors', 'monitor'], { ...monitor, integrations: [] }]]);
    expect(screen.getByText(/No integration has reported an error yet/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Another integration (its id)'), ' globex {Enter}');
    expect(picked()).toEqual({ globex: 'monitor' });
    expect(screen.getByRole('radiogroup', { name: 'Access to globex' })).toBeTruthy();
  });
});
