// Usage, invoices and cost per tenant and month (docs/operations.md).
import { defineRoutes } from '#shared/http/route';

export const billingRoutes = defineRoutes({});
