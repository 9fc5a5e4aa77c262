// The meetings service's HTTP routes: connection points, meetings and their occurrences, attendance, minutes,
// join links, calendar feeds and the weekly work schedule. Declarations only.
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import {
  AttachMinutes, CancelMeeting, ChangeMeeting, CheckIn, CreateMeeting, CreatePoint, Feed, FeedOwner, FeedParams, JoinLink, JoinQuery, ListQuery,
  Attendance, Meeting, MeetingDetail, MeetingParams, OccurrencePage, Point, PointList, PointParams, PointsQuery, TenantParams, UpdatePoint,
  WeekQuery, WeekSchedule,
} from './schemas';

const STAFF = ['officer', 'clerk', 'leader', 'tenant-admin'] as const;

export const meetingsRoutes = defineRoutes({
  listPoints: {
    method: 'GET', path: '/v1/{tenant}/points', access: STAFF, params: TenantParams, query: PointsQuery, response: PointList,
    summary: 'Danh sách điểm cầu / Connection points',
  },
  createPoint: {
    method: 'POST', path: '/v1/{tenant}/points', access: ['tenant-admin'], params: TenantParams, body: CreatePoint, response: Point,
    status: 201, idempotent: true, summary: 'Thêm điểm cầu / Add a connection point',
  },
  getPoint: {
    method: 'GET', path: '/v1/{tenant}/points/{id}', access: STAFF, params: PointParams, response: Point,
    summary: 'Xem điểm cầu / A connection point',
  },
  updatePoint: {
    method: 'PATCH', path: '/v1/{tenant}/points/{id}', access: ['tenant-admin'], params: PointParams, body: UpdatePoint, response: Point,
    summary: 'Sửa điểm cầu, ngừng hoặc mở lại hoạt động / Edit, deactivate or reactivate a connection point',
  },
  createMeeting: {
    method: 'POST', path: '/v1/{tenant}/meetings', access: STAFF, params: TenantParams, body: CreateMeeting, response: Meeting,
    status: 201, idempotent: true, summary: 'Đặt lịch họp trực tuyến, gửi giấy mời / Schedule a video conference and send the invitations',
  },
  listMeetings: {
    method: 'GET', path: '/v1/{tenant}/meetings', access: STAFF, params: TenantParams, query: ListQuery, response: OccurrencePage,
    summary: 'Các buổi họp trong khoảng thời gian (theo điểm cầu, đơn vị) / Occurrences in a window, by point or unit',
  },
  getMeeting: {
    method: 'GET', path: '/v1/{tenant}/meetings/{id}', access: STAFF, params: MeetingParams, response: MeetingDetail,
    summary: 'Xem cuộc họp, điểm danh và tài liệu / A meeting with its attendance and files',
  },
  changeMeeting: {
    method: 'PATCH', path: '/v1/{tenant}/meetings/{id}', access: STAFF, params: MeetingParams, body: ChangeMeeting, response: Meeting,
    summary: 'Đổi giờ, thêm/bớt điểm cầu (cả chuỗi hoặc một buổi) / Reschedule, add or remove points (series or one occurrence)',
  },
  cancelMeeting: {
    method: 'POST', path: '/v1/{tenant}/meetings/{id}/cancel', access: STAFF, params: MeetingParams, body: CancelMeeting, response: Meeting,
    summary: 'Hủy cuộc họp hoặc một buổi / Cancel the meeting or one occurrence',
  },
  checkIn: {
    method: 'POST', path: '/v1/{tenant}/meetings/{id}/attendance', access: STAFF, params: MeetingParams, body: CheckIn, response: Attendance,
    summary: 'Điểm cầu điểm danh / A connection point checks in',
  },
  attachMinutes: {
    method: 'POST', path: '/v1/{tenant}/meetings/{id}/minutes', access: STAFF, params: MeetingParams, body: AttachMinutes, response: Meeting,
    summary: 'Đính kèm biên bản hoặc thông báo kết luận, gửi các đơn vị dự họp / Attach the minutes or conclusions and send them',
  },
  joinMeeting: {
    method: 'GET', path: '/v1/{tenant}/meetings/{id}/join', access: STAFF, params: MeetingParams, query: JoinQuery, response: JoinLink,
    summary: 'Đường dẫn tham gia của một điểm cầu / A connection point\'s join link',
  },
  getFeed: {
    method: 'GET', path: '/v1/{tenant}/calendar-feeds', access: STAFF, params: TenantParams, query: FeedOwner, response: Feed,
    summary: 'Đường dẫn lịch đăng ký của đơn vị/điểm cầu / The subscribable calendar link of a unit or point',
  },
  rotateFeed: {
    method: 'POST', path: '/v1/{tenant}/calendar-feeds', access: STAFF, params: TenantParams, body: FeedOwner, response: Feed, status: 201,
    summary: 'Tạo mới đường dẫn lịch (đường dẫn cũ hết hiệu lực) / A new calendar link (the old one stops working)',
  },
  calendarFeed: {
    method: 'GET', path: '/v1/{tenant}/ical/{token}', access: 'public', params: FeedParams, response: z.string(), produces: ['text/calendar'],
    summary: 'Lịch họp dạng iCalendar, theo đường dẫn bí mật / The iCalendar feed, by its secret link',
  },
  weekSchedule: {
    method: 'GET', path: '/v1/{tenant}/schedule/week', access: STAFF, params: TenantParams, query: WeekQuery, response: WeekSchedule, produces: ['text/html'],
    summary: 'Lịch công tác tuần (JSON hoặc trang in) / The weekly work schedule (JSON or a printable page)',
  },
});
