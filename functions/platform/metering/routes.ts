// A tenant's metered usage per month (docs/operations.md, Metering).
import { defineRoutes } from '#shared/http/route';

export const meteringRoutes = defineRoutes({});
