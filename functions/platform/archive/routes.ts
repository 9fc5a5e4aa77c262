// Export of a tenant's data, and offboarding (docs/operations.md).
import { defineRoutes } from '#shared/http/route';

export const archiveRoutes = defineRoutes({});
