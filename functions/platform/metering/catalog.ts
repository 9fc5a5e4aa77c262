// The metering stream consumers (docs/metering.md): one per tenant table with data — every table of TENANT_TABLES but
// the idempotency records — so that each write raises the tenant's LAST_WRITE, and the tables with billable events are
// counted. Each runs in the tenant's deployment, reads that table's stream, and counts into the platform's usage table.
//
// What each needs in AWS (the CDK wiring reads this list):
// - the stream of its table (NEW_AND_OLD_IMAGES), batch size 100, ReportBatchItemFailures, retries and the tenant's
//   dead-letter queue as for the services' consumers;
// - environment: TENANTS (the deployment's tenants), USAGE_TABLE (`platform-usage`), TENANT_REGISTRY_TABLE (it reads
//   its tenant's registry item for an archive's import window: GetItem on `platform-tenants`);
// - grants: dynamodb:TransactWriteItems/PutItem/UpdateItem on the usage table with dynamodb:LeadingKeys `TENANT#<id>`
//   (its own partition only), GetItem on the registry; nothing on the tenant's tables beyond reading the stream.
import type { StreamConsumerDef } from '../../index';

const ENTRY = 'functions/platform/metering/stream.ts';
/** The metered tables: the same entry for each; the item's key says what it is (events.ts). */
const METERED_TABLES = ['dossiers', 'documents', 'meetings', 'mail', 'mail-outbox', 'directory', 'uploads'];

export const METER_CONSUMERS: StreamConsumerDef[] = METERED_TABLES.map((table) => ({ name: `meter-${table}`, table, entry: ENTRY }));
