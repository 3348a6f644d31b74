import { EventingTables1732300000000 } from './eventing-tables.migration';
import { OutboxPerTopic1732300000050 } from './outbox-per-topic.migration';
import { PayloadStatistics1732300000060 } from './payload-statistics.migration';

/** The eventing tables' migrations, in order: every app's database runs them first. */
export const EVENTING_MIGRATIONS = [EventingTables1732300000000, OutboxPerTopic1732300000050, PayloadStatistics1732300000060];
