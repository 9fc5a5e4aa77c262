// The dossiers service's HTTP routes: dossiers themselves here; the procedure catalogue and the working-time
// calendar come from their folders.
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import { calendarRoutes } from './calendar/routes';
import { procedureRoutes } from './procedures/routes';
import { statsRoutes } from './stats/routes';
import {
  DossierAction, DossierPage, DossierParams, DossierView, InboxQuery, MyDossiersQuery, PublicDossier, PublicLookupQuery,
  Rating, SubmitDossier, TenantParams,
} from './schemas';

const OFFICIALS = ['clerk', 'officer', 'leader', 'tenant-admin'] as const;

export const dossierRoutes = defineRoutes({
  submitDossier: {
    method: 'POST', path: '/v1/{tenant}/dossiers', access: ['citizen', 'clerk', 'officer'], params: TenantParams, body: SubmitDossier,
    response: DossierView.omit({ allowedActions: true }), status: 201, idempotent: true,
    summary: 'Nộp hồ sơ (trực tuyến, hoặc văn thư tiếp nhận tại quầy) / Submit a dossier',
  },
  listDossiers: {
    method: 'GET', path: '/v1/{tenant}/dossiers', access: OFFICIALS, params: TenantParams, query: InboxQuery, response: DossierPage,
    summary: 'Hồ sơ đang xử lý của đơn vị, hạn gần nhất trước / A unit\'s open dossiers, soonest due first',
  },
  getDossier: {
    method: 'GET', path: '/v1/{tenant}/dossiers/{code}', access: 'authenticated', params: DossierParams, response: DossierView,
    summary: 'Xem hồ sơ và quá trình xử lý / A dossier with its history',
  },
  actOnDossier: {
    method: 'POST', path: '/v1/{tenant}/dossiers/{code}/actions', access: 'authenticated', params: DossierParams, body: DossierAction,
    response: DossierView.omit({ allowedActions: true }),
    summary: 'Xử lý hồ sơ: tiếp nhận, bổ sung, chuyển, quyết định, trả kết quả… / Act on a dossier',
  },
  rateDossier: {
    method: 'POST', path: '/v1/{tenant}/dossiers/{code}/rating', access: ['citizen'], params: DossierParams, body: Rating,
    response: z.object({ score: z.string(), comment: z.string().optional(), at: z.string() }), status: 201,
    summary: 'Đánh giá mức độ hài lòng / Rate the service',
  },
  myDossiers: {
    method: 'GET', path: '/v1/{tenant}/me/dossiers', access: 'authenticated', params: TenantParams, query: MyDossiersQuery, response: DossierPage,
    summary: 'Hồ sơ của tôi / My dossiers',
  },
  lookupDossier: {
    method: 'GET', path: '/v1/{tenant}/public/dossiers/{code}', access: 'public', params: DossierParams, query: PublicLookupQuery, response: PublicDossier,
    summary: 'Tra cứu hồ sơ theo mã và số điện thoại / Look up a dossier by code and phone',
  },
});

export const dossiersRoutes = { ...procedureRoutes, ...calendarRoutes, ...dossierRoutes, ...statsRoutes };
