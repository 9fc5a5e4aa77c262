// The mail service's ports: the mailbox store (DynamoDB and S3), the directory (who has a mailbox), uploads, the
// outgoing transport and the clock. The domain modules take these; wiring.ts connects them.
import type { Caller } from '#shared/auth';
import type { Clock } from '#shared/clock';
import type { ExchangeTenants } from '#shared/exchange';
import type { Hub } from '#shared/exchange-hub';
import type { MailboxCounter } from '#shared/quota';
import type { MailStore, TransactItem } from './store';
import type { Transport } from './transport';

export interface Official {
  id: string;
  email: string;
  name: string;
  enabled: boolean;
}

export interface MailDeps {
  store: MailStore;
  directory: { officialByEmail(tenant: string, email: string): Promise<Official | undefined> };
  uploads: {
    /** Checks an upload for use as an attachment and returns its bytes with the item that claims it. */
    claim(tenant: string, uploadId: string, caller: Caller, reference: string): Promise<{ fileName: string; contentType: string; bytes: Uint8Array; attach: TransactItem }>;
  };
  transport: Transport;
  /** The tenant's mailboxes gauge (in the directory's table): a shared mailbox or list is a mailbox of the quota. */
  mailboxes: MailboxCounter;
  /** The platform's exchange hub and the tenants it connects: mail to another province's domain goes through it. */
  exchange?: { hub: Hub; tenants: ExchangeTenants };
  clock: Clock;
}
