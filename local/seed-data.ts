// Demo data of the demo provinces. Agency codes other than the People's Committees' roots are samples
// (to confirm with each province); commune names follow the 2025 reorganisation.
import type { CreateUnit } from '#functions/directory/schemas';
import type { Tenant } from '#shared/tenant';

const DEPARTMENTS = [
  { name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'VP' },
  { name: 'Sở Tư pháp', shortName: 'STP' },
  { name: 'Sở Tài chính', shortName: 'STC' },
  { name: 'Sở Xây dựng', shortName: 'SXD' },
  { name: 'Sở Nội vụ', shortName: 'SNV' },
  { name: 'Sở Văn hóa, Thể thao và Du lịch', shortName: 'SVHTTDL' },
];

const COMMUNES: Record<string, string[]> = {
  nghean: ['Phường Trường Vinh', 'Phường Thành Vinh', 'Phường Vinh Hưng', 'Phường Vinh Phú', 'Phường Vinh Lộc', 'Phường Cửa Lò'],
  quangtri: ['Phường Đồng Hới', 'Phường Đồng Thuận', 'Phường Đông Hà', 'Phường Nam Đông Hà', 'Phường Quảng Trị', 'Phường Ba Đồn'],
  hue: ['Phường Phú Xuân', 'Phường Thuận Hóa', 'Phường Kim Long', 'Phường Vỹ Dạ', 'Phường An Cựu', 'Phường Thủy Xuân'],
  danang: ['Phường Hải Châu', 'Phường Thanh Khê', 'Phường Sơn Trà', 'Phường Ngũ Hành Sơn', 'Phường Hội An', 'Phường Tam Kỳ'],
  hatinh: ['Phường Thành Sen', 'Phường Trần Phú', 'Phường Hà Huy Tập', 'Phường Bắc Hồng Lĩnh', 'Phường Nam Hồng Lĩnh', 'Phường Sông Trí'],
  thanhhoa: ['Phường Hạc Thành', 'Phường Quảng Phú', 'Phường Đông Quang', 'Phường Sầm Sơn', 'Phường Bỉm Sơn', 'Phường Nghi Sơn'],
  quangngai: ['Phường Cẩm Thành', 'Phường Nghĩa Lộ', 'Phường Trương Quang Trọng', 'Phường Kon Tum', 'Phường Đăk Cấm', 'Phường Đức Phổ'],
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The People's Committee, its departments and communes, parents before children. */
export function demoUnits(tenant: Tenant): CreateUnit[] {
  const suffix = tenant.rootAgency.slice(-3);
  const root: CreateUnit = { code: tenant.rootAgency, name: `Ủy ban nhân dân ${tenant.name.startsWith('TP.') ? '' : 'tỉnh '}${tenant.name}`.replace('tỉnh Huế', 'thành phố Huế').replace('tỉnh Đà Nẵng', 'thành phố Đà Nẵng'), shortName: 'UBND', level: 'province' };
  const departments = DEPARTMENTS.map((d, i): CreateUnit => ({
    code: `000.${pad2(i + 1)}.00.${suffix}`, name: d.name, shortName: d.shortName, level: 'department', parentCode: root.code,
  }));
  const communes = (COMMUNES[tenant.id] ?? []).map((name, i): CreateUnit => ({
    code: `000.00.${pad2(31 + i)}.${suffix}`, name, level: 'commune', parentCode: root.code,
  }));
  return [root, ...departments, ...communes];
}

export const CITIZEN_EMAIL = 'congdan@example.vn';

/** The demo officials of a tenant: local part, name, role, and which unit (index into demoUnits). */
export const DEMO_OFFICIALS = [
  { local: 'admin', name: 'Quản trị hệ thống', role: 'tenant-admin', unitIndex: 0 },
  { local: 'vanthu', name: 'Nguyễn Thị Văn Thư', role: 'clerk', unitIndex: 1 },
  { local: 'canbo', name: 'Trần Văn Cán Bộ', role: 'officer', unitIndex: 2 },
  { local: 'lanhdao', name: 'Lê Văn Lãnh Đạo', role: 'leader', unitIndex: 0 },
] as const;
