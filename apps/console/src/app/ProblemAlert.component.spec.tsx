/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { ProblemError, problemFrom } from '../api/problem';
import { renderWith } from '../testing/render';
import { ProblemAlert } from './ProblemAlert';

const refusal = (status: number, body: unknown) => new ProblemError(problemFrom(status, body));

describe('a refusal as the console shows it', () => {
  it("a rule's refusal: its title, its words and its code, never the JSON", () => {
    renderWith(
      <ProblemAlert
        error={refusal(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'NO_ACCESS_TO_INTEGRATION', detail: 'user u1 has no access to integration shopify' })}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Forbidden');
    expect(alert.textContent).toContain('user u1 has no access to integration shopify');
    expect(screen.getByText('NO_ACCESS_TO_INTEGRATION').tagName).toBe('CODE');
    expect(alert.textContent).not.toContain('{');
  });

  it('a bad request names each field at fault by its name, not its pointer', () => {
    const body = { title: 'Bad Request', status: 400, errors: [{ pointer: '/body/errorIds/0', detail: 'must be a uuid' }, { pointer: '/query/limit', detail: 'at most 500' }] };
    renderWith(<ProblemAlert error={refusal(400, body)} title="Not assigned" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not assigned');
    expect(alert.textContent).toContain('errorIds.0: must be a uuid; limit: at most 500');
    expect(alert.textContent).not.toContain('/body/');
    expect(alert.textContent).not.toContain('rule:');
  });

  it('an answer that is no problem document, or no answer at all, still reads as a sentence', () => {
    const { unmount } = renderWith(<ProblemAlert error={refusal(502, '<html>Bad gateway</html>')} />);
    expect(screen.getByRole('alert').textContent).toContain('Faultline failed to answer; try again');
    unmount();
    renderWith(<ProblemAlert error={new TypeError('Failed to fetch')} />);
    expect(screen.getByRole('alert').textContent).toContain('Failed to fetch');
  });

  it('nothing to say, nothing shown', () => {
    renderWith(<ProblemAlert error={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
