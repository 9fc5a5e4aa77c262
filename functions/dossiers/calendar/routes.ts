import { defineRoutes } from '#shared/http/route';
import { CalendarParams, PutCalendar, StoredCalendar } from './schemas';

export const calendarRoutes = defineRoutes({
  getCalendar: {
    method: 'GET', path: '/v1/{tenant}/calendar/{year}', access: 'public', params: CalendarParams, response: StoredCalendar,
    summary: 'Lịch làm việc của năm: giờ hành chính, ngày nghỉ lễ, ngày làm bù / A year\'s working-time calendar',
  },
  putCalendar: {
    method: 'PUT', path: '/v1/{tenant}/calendar/{year}', access: ['tenant-admin'], params: CalendarParams, body: PutCalendar, response: StoredCalendar,
    summary: 'Sửa lịch làm việc của năm / Edit a year\'s calendar',
  },
});
