// The directory's HTTP routes: who the caller is, the province's units and its officials.
import { defineRoutes, STAFF_ROLES } from '#shared/http/route';
import {
  CreatedUser, CreateUnit, CreateUser, DeletedUser, DeleteUserQuery, ListUnitsQuery, ListUsersQuery, Me, TenantParams, Unit, UnitPage, UnitParams,
  UpdateUnit, UpdateUser, User, UserPage, UserParams,
} from './schemas';

const ADMIN = ['tenant-admin'] as const;

export const directoryRoutes = defineRoutes({
  getMe: {
    method: 'GET', path: '/v1/{tenant}/me', access: 'authenticated', params: TenantParams, response: Me,
    summary: 'Thông tin tài khoản đang đăng nhập / The signed-in user',
  },
  listUnits: {
    method: 'GET', path: '/v1/{tenant}/units', access: STAFF_ROLES, params: TenantParams, query: ListUnitsQuery, response: UnitPage,
    summary: 'Danh sách đơn vị / List units',
  },
  createUnit: {
    method: 'POST', path: '/v1/{tenant}/units', access: ADMIN, params: TenantParams, body: CreateUnit, response: Unit, status: 201, idempotent: true,
    summary: 'Thêm đơn vị / Create a unit',
  },
  getUnit: {
    method: 'GET', path: '/v1/{tenant}/units/{code}', access: STAFF_ROLES, params: UnitParams, response: Unit,
    summary: 'Xem đơn vị / Get a unit',
  },
  updateUnit: {
    method: 'PATCH', path: '/v1/{tenant}/units/{code}', access: ADMIN, params: UnitParams, body: UpdateUnit, response: Unit,
    summary: 'Sửa đơn vị / Update a unit',
  },
  listUsers: {
    method: 'GET', path: '/v1/{tenant}/users', access: STAFF_ROLES, params: TenantParams, query: ListUsersQuery, response: UserPage,
    summary: 'Danh sách cán bộ / List officials',
  },
  createUser: {
    method: 'POST', path: '/v1/{tenant}/users', access: ADMIN, params: TenantParams, body: CreateUser, response: CreatedUser, status: 201, idempotent: true,
    summary: 'Thêm cán bộ / Create an official',
  },
  getUser: {
    method: 'GET', path: '/v1/{tenant}/users/{id}', access: STAFF_ROLES, params: UserParams, response: User,
    summary: 'Xem cán bộ / Get an official',
  },
  updateUser: {
    method: 'PATCH', path: '/v1/{tenant}/users/{id}', access: ADMIN, params: UserParams, body: UpdateUser, response: User,
    summary: 'Sửa cán bộ, vai trò, khóa/mở tài khoản / Update an official, roles, disable or enable',
  },
  deleteUser: {
    method: 'DELETE', path: '/v1/{tenant}/users/{id}', access: ADMIN, params: UserParams, query: DeleteUserQuery, response: DeletedUser,
    summary: 'Xóa cán bộ (giải phóng một hộp thư của hạn mức) / Delete an official (frees a mailbox of the quota)',
  },
});
