import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TenantFile } from '#shared/tenant';
import { TENANTS_DIR } from '#infra/tenants';

const demo = (id: string) => JSON.parse(readFileSync(join(TENANTS_DIR, `${id}.json`), 'utf8'));

describe('tenant files', () => {
  it.each([
    ['nghean', 'Nghệ An', '40', '000.00.00.H41'],
    ['quangtri', 'Quảng Trị', '44', undefined],
    ['hue', 'Huế', '46', undefined],
    ['danang', 'Đà Nẵng', '48', undefined],
    ['quangngai', 'Quảng Ngãi', '51', undefined],
  ])('%s is a valid dedicated tenant of its province', (id, name, provinceCode, rootAgency) => {
    const tenant = TenantFile.parse(demo(id));
    expect(tenant).toMatchObject({ id, name, provinceCode, tier: 'dedicated', domain: `${id}.gov.vn` });
    if (rootAgency) expect(tenant.rootAgency).toBe(rootAgency);
    expect(tenant.services).toContain('directory');
  });

  it.each([
    ['a province code of no province', { provinceCode: '99' }, 'provinceCode'],
    ['a name that is not the province code\'s', { name: 'Hà Tĩnh' }, 'name'],
    ['a malformed root agency code', { rootAgency: 'H41' }, 'rootAgency'],
    ['an unknown service', { services: ['directory', 'casino'] }, 'services.1'],
    ['no directory', { services: ['mail'] }, 'services'],
    ['a service its plan does not include', { plan: 'basic', services: ['directory', 'dossiers', 'meetings'] }, 'services'],
    ['an unknown plan', { plan: 'gold' }, 'plan'],
    ['an unknown field', { colour: 'red' }, ''],
  ])('refuses %s, naming the field', (_, change, path) => {
    const result = TenantFile.safeParse({ ...demo('nghean'), ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
