// The platform's usage table (PlatformStack's `platform-usage`): what each tenant used per month, counted from the
// services' streams by the metering consumers (functions/platform/metering) and read by the operator's usage, invoice
// and cost reports (functions/platform/billing). Tenant functions write only items of their own tenant
// (pk `TENANT#<id>`…); the operator API reads them.
import type { TableDef } from './table';

export const usageTable: TableDef = {
  name: 'usage',
  envVar: 'USAGE_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
};

/** `YYYY-MM`, the month in Vietnam's time. */
export type Month = string;

/** A tenant's billable usage in one month (docs/operations.md, Metering). */
export interface MonthUsage {
  tenant: string;
  month: Month;
  /** Dossiers submitted. */
  dossiers: number;
  /** Documents sent, counted once per recipient agency. */
  documentsSent: number;
  /** Meeting hours, counted per connection point (a 2-hour meeting of 3 points is 6). */
  meetingHours: number;
  /** Messages officials sent from their mailboxes. */
  mailSent: number;
  /** Officials with an account at the end of the month (now, for the current month). */
  activeOfficials: number;
  /** Mailboxes (officials' and shared) at the end of the month. */
  mailboxes: number;
  /** Stored files and mail, in GB-months (GB held × the fraction of the month held). */
  storageGbMonths: number;
}
