// Lambda entry of the meetings service (hội nghị truyền hình).
import { httpHandler, rawResponse } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { findTenant } from '#shared/tenancy';
import { attachMinutes, checkIn, joinLink, meetingDetail } from './attendance';
import { cancelMeeting, changeMeeting, createMeeting } from './meetings';
import { createPoint, getPoint, listPoints, updatePoint } from './points';
import { meetingsRoutes } from './routes';
import { feedCalendar, getFeed, listOccurrences, rotateFeed, weekJson, weekOfMeetings } from './views';
import { renderWeekHtml } from './week';
import { meetingsFromEnv } from './wiring';

const deps = meetingsFromEnv();

export const handler = httpHandler('meetings', meetingsRoutes, {
  listPoints: ({ tenant, query }) => listPoints(deps, tenant, query.unit),
  createPoint: ({ tenant, body }) => createPoint(deps, tenant, body),
  getPoint: ({ tenant, params }) => getPoint(deps, tenant, params.id),
  updatePoint: ({ tenant, params, body }) => updatePoint(deps, tenant, params.id, body),
  createMeeting: ({ tenant, caller, body }) => createMeeting(deps, tenant, caller!, body),
  listMeetings: ({ tenant, query }) => listOccurrences(deps, tenant, query),
  getMeeting: ({ tenant, params }) => meetingDetail(deps, tenant, params.id),
  changeMeeting: ({ tenant, caller, params, body }) => changeMeeting(deps, tenant, caller!, params.id, body),
  cancelMeeting: ({ tenant, caller, params, body }) => cancelMeeting(deps, tenant, caller!, params.id, body),
  checkIn: ({ tenant, caller, params, body }) => checkIn(deps, tenant, caller!, params.id, body),
  attachMinutes: ({ tenant, caller, params, body }) => attachMinutes(deps, tenant, caller!, params.id, body),
  joinMeeting: ({ tenant, caller, params, query }) => joinLink(deps, tenant, caller!, params.id, query),
  getFeed: ({ tenant, caller, query }) => getFeed(deps, tenant, caller!, query),
  rotateFeed: ({ tenant, caller, body }) => rotateFeed(deps, tenant, caller!, body),
  calendarFeed: async ({ tenant, params }) => rawResponse('text/calendar', await feedCalendar(deps, tenant, params.token), 'lich-hop.ics'),
  async weekSchedule({ tenant, query }) {
    const schedule = await weekOfMeetings(deps, tenant, query.date, query.unit);
    if (query.format === 'html') return rawResponse('text/html', renderWeekHtml({ schedule, tenantName: findTenant(tenant)?.name ?? tenant }));
    return weekJson(schedule);
  },
}, powertoolsIdempotency());
