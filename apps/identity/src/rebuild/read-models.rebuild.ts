import type { StoreProjection } from '@faultline/eventing';
import { DirectoryProjection, IdentityEvent } from '../directory/directory.projection';

/** Identity's directory (accounts and users), made from its event store. */
export const identityReadModels = (): StoreProjection<IdentityEvent> => ({
  tables: ['accounts', 'users', 'api_tokens'],
  reset: async (manager) => {
    await manager.query('DELETE FROM users');
    await manager.query('DELETE FROM accounts');
  },
  apply: (manager, events) => new DirectoryProjection().apply(manager, events),
});
