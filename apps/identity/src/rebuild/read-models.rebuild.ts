import type { StoreProjection } from '@faultline/eventing';
import { DirectoryProjection, IdentityEvent } from '../directory/directory.projection';

/** Identity's directory (accounts, users and API tokens), made from its event store. */
export const identityReadModels = (): StoreProjection<IdentityEvent> => ({
  tables: ['accounts', 'users', 'api_tokens'],
  reset: async (manager) => {
    // When a token was last used is no event: it is kept aside and put back after the replay.
    await manager.query('CREATE TEMPORARY TABLE api_token_last_uses ON COMMIT DROP AS SELECT token_id, last_used_at FROM api_tokens WHERE last_used_at IS NOT NULL');
    await manager.query('DELETE FROM api_tokens');
    await manager.query('DELETE FROM users');
    await manager.query('DELETE FROM accounts');
  },
  apply: (manager, events) => new DirectoryProjection().apply(manager, events),
  restore: async (manager) => {
    await manager.query('UPDATE api_tokens SET last_used_at = kept.last_used_at FROM api_token_last_uses kept WHERE kept.token_id = api_tokens.token_id');
  },
});
