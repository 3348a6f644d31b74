import { AccessTables1732300000300 } from './access-tables.migration';
import { AccessApiTokenUse1732300001700 } from './api-token-use.migration';
import { AccessApiTokens1732300001400 } from './api-tokens.migration';

/** The access model's tables, which every service using AccessModule adds to its migrations. */
export const ACCESS_MIGRATIONS = [AccessTables1732300000300, AccessApiTokens1732300001400, AccessApiTokenUse1732300001700];
