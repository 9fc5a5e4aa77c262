// The metering stream consumers (docs/operations.md, Metering): one per tenant table whose stream carries billable
// events. Each runs in the tenant's deployment, reads that table's stream, and counts into the platform's usage table.
import type { StreamConsumerDef } from '../../index';

export const METER_CONSUMERS: StreamConsumerDef[] = [];
