// The user pool every tenant gets, described once for the CDK stack and for the local runtime's cognito-local.
import { OPERATOR_GROUP, ROLES, type Role } from '#shared/http/route';

export const USER_POOL_GROUPS: Record<Role, string> = {
  citizen: 'Công dân, doanh nghiệp / Citizens and businesses',
  officer: 'Cán bộ xử lý / Officials who process',
  clerk: 'Văn thư, một cửa / Clerks',
  leader: 'Lãnh đạo / Leaders',
  'tenant-admin': 'Quản trị của tỉnh / The province\'s administrators',
};
export const GROUP_NAMES: readonly Role[] = ROLES;

/** Set only by the directory service and the sign-up trigger; app clients can read them and never write them. */
export const CUSTOM_ATTRIBUTES = ['tenant', 'unit'] as const;

/** What a user may change of themselves through the app client. */
export const CLIENT_WRITE_ATTRIBUTES = ['email', 'name', 'phone_number'] as const;
export const CLIENT_READ_ATTRIBUTES = [...CLIENT_WRITE_ATTRIBUTES, 'email_verified', ...CUSTOM_ATTRIBUTES.map((a) => `custom:${a}`)] as const;

export const PASSWORD_POLICY = { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true } as const;

/** The platform's own user pool (the operator API): one group, whose members run the suite for every province. */
export const OPERATOR_POOL_GROUPS: Record<typeof OPERATOR_GROUP, string> = {
  [OPERATOR_GROUP]: 'Vận hành nền tảng Tỉnh Số / Platform operators',
};

/** The operator the local suite seeds (with the demo password). */
export const LOCAL_OPERATOR_EMAIL = 'operator@tinhso.vn';
