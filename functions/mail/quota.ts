// A mailbox's size limit, by the tenant's plan (the plans' other quotas come with the platform, issue #7).
import { findTenant } from '#shared/tenancy';

const GIB = 1024 ** 3;
export const MAILBOX_QUOTA_BYTES = { basic: 2 * GIB, standard: 5 * GIB, premium: 20 * GIB } as const;
/** The largest message the suite accepts (SES's own limit is 40 MB; 25 MB is what common clients send). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export const quotaOf = (tenant: string): number => MAILBOX_QUOTA_BYTES[findTenant(tenant)?.plan ?? 'standard'];
