import { lastUses } from './token-usage';

describe("a token's last use, over the services that accept tokens", () => {
  it('is the latest any service saw, naming that service; a token no service saw has none', () => {
    const uses = lastUses({
      errors: { items: [{ tokenId: 't-1', lastUsedAt: '2026-12-01T10:00:00.000Z' }, { tokenId: 't-2', lastUsedAt: '2026-12-01T09:00:00.000Z' }] },
      assignment: { items: [{ tokenId: 't-1', lastUsedAt: '2026-12-01T11:30:00.000Z' }] },
    });
    expect(uses.get('t-1')).toEqual({ at: '2026-12-01T11:30:00.000Z', service: 'assignment' });
    expect(uses.get('t-2')).toEqual({ at: '2026-12-01T09:00:00.000Z', service: 'errors' });
    expect(uses.has('t-3')).toBe(false);
  });
});
