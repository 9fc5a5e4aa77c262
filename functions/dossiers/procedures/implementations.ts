// The procedure routes' implementations, for the dossiers handler to merge with its own:
//   httpHandler('dossiers', { ...procedureRoutes, ... }, { ...procedureImplementations(deps), ... }, powertoolsIdempotency())
import type { Implementations } from '#shared/http/handler';
import type { procedureRoutes } from './routes';
import * as procedures from './service';

export function procedureImplementations(deps: procedures.ProcedureDeps): Implementations<typeof procedureRoutes> {
  return {
    listProcedures: async ({ tenant, query }) => procedures.listPublishedProcedures(deps, tenant, query),
    getProcedure: async ({ tenant, params }) => procedures.getPublishedProcedure(deps, tenant, params.code),
    listProcedureVersions: async ({ tenant, params, query }) => procedures.listProcedureVersions(deps, tenant, params.code, query),
    getProcedureVersion: async ({ tenant, params }) => procedures.getProcedureVersion(deps, tenant, params.code, params.version),
    createProcedure: async ({ tenant, body }) => procedures.createProcedure(deps, tenant, body),
    updateProcedure: async ({ tenant, params, body }) => procedures.updateProcedure(deps, tenant, params.code, body),
    publishProcedure: async ({ tenant, params, body }) => procedures.publishProcedure(deps, tenant, params.code, body),
  };
}
