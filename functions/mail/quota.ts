// A mailbox's size limit, by the tenant's plan (shared/plans.ts).
import { planOf } from '#shared/plans';
import { findTenant } from '#shared/tenancy';

/** The largest message the suite accepts (SES's own limit is 40 MB; 25 MB is what common clients send). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export const quotaOf = (tenant: string): number => planOf(findTenant(tenant)?.plan).mailboxQuotaBytes;
