// The procedure catalogue's pure rules: the content schema, the edit and publish shapes, the route declarations and
// the demo catalogue of every demo province.
import { AGENCY_CODE_PATTERN } from '#shared/agency';
import { procedureImplementations } from '#functions/dossiers/procedures/implementations';
import { procedureRoutes } from '#functions/dossiers/procedures/routes';
import type { ProcedureStore } from '#functions/dossiers/procedures/store';
import type { RouteDef } from '#shared/http/route';
import {
  FORM_FIELD_TYPES, ListProceduresQuery, ProcedureCode, ProcedureContent, ProcedureInput, ProcedureVersionParams, PublishProcedure,
  UpdateProcedure, type ProcedureContent as Content,
} from '#functions/dossiers/procedures/schemas';
import { demoProcedures } from '#functions/dossiers/procedures/seed';
import { foldVietnamese } from '#shared/text';
import { demoUnits } from '#local/seed-data';
import { loadTenants } from '#infra/tenants';

const UNIT = '000.00.31.H41';

function valid(): Content {
  return {
    code: '1.001193.000.00.00.H41', name: 'Đăng ký khai sinh', field: 'Hộ tịch', unit: UNIT, level: 4, processingDays: 1, fee: 0,
    documents: [
      { id: 'to-khai', name: 'Tờ khai', required: true, contentTypes: ['application/pdf'] },
      { id: 'giay-chung-sinh', name: 'Giấy chứng sinh', required: true, contentTypes: ['application/pdf', 'image/jpeg'] },
    ],
    form: [
      { id: 'hoTen', label: 'Họ và tên', type: 'text', required: true, maxLength: 100 },
      { id: 'gioiTinh', label: 'Giới tính', type: 'select', required: true, options: ['Nam', 'Nữ'] },
      { id: 'soTang', label: 'Số tầng', type: 'number', required: false, min: 1, max: 10 },
    ],
    steps: [
      { name: 'Tiếp nhận', unit: UNIT, role: 'clerk', share: 10 },
      { name: 'Thẩm định', unit: UNIT, role: 'officer', share: 60 },
      { name: 'Ký', unit: UNIT, role: 'leader', share: 30 },
    ],
  };
}

const issuesOf = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('procedure content', () => {
  it('accepts a complete procedure', () => {
    expect(ProcedureInput.safeParse(valid()).success).toBe(true);
  });

  it.each([
    ['shares that add up to 90', (p: Content) => { p.steps[2]!.share = 20; }, 'steps'],
    ['shares that add up to 110', (p: Content) => { p.steps[2]!.share = 40; }, 'steps'],
    ['a duplicate document id', (p: Content) => { p.documents[1]!.id = 'to-khai'; }, 'documents'],
    ['a duplicate form field id', (p: Content) => { p.form[1]!.id = 'hoTen'; }, 'form'],
    ['a select without options', (p: Content) => { delete p.form[1]!.options; }, 'form.1.options'],
    ['a select with an empty list of options', (p: Content) => { p.form[1]!.options = []; }, 'form.1.options'],
    ['no step at all', (p: Content) => { p.steps = []; }, 'steps'],
    ['a malformed agency code in a step', (p: Content) => { p.steps[0]!.unit = '000.00.31.h41'; }, 'steps.0.unit'],
    ['a malformed handling unit', (p: Content) => { p.unit = 'UBND xã'; }, 'unit'],
    ['service level 1', (p: Content) => { (p as { level: number }).level = 1; }, 'level'],
    ['a processing time of 0 days', (p: Content) => { p.processingDays = 0; }, 'processingDays'],
    ['a negative fee', (p: Content) => { p.fee = -1; }, 'fee'],
    ['a fee in fractions of a đồng', (p: Content) => { p.fee = 1000.5; }, 'fee'],
    ['an unknown field type', (p: Content) => { (p.form[0] as { type: string }).type = 'email'; }, 'form.0.type'],
    ['an unknown attribute', (p: Content) => { (p as Record<string, unknown>).status = 'published'; }, ''],
  ])('refuses %s, naming where', (_, change, path) => {
    const p = valid();
    change(p);
    const issues = issuesOf(ProcedureContent, p);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('tolerates rounding in the shares (three steps of 33.33… add up to 100)', () => {
    const p = valid();
    p.steps.forEach((s) => { s.share = 100 / 3; });
    expect(ProcedureContent.safeParse(p).success).toBe(true);
  });

  it('accepts a procedure with no due date and one of half a day', () => {
    expect(ProcedureContent.safeParse({ ...valid(), processingDays: null }).success).toBe(true);
    expect(ProcedureContent.safeParse({ ...valid(), processingDays: 0.5 }).success).toBe(true);
  });

  it.each([
    ['a step done by the citizen', (p: Content) => { p.steps[0]!.role = 'citizen'; }, 'steps.0.role'],
    ['a number field whose min is above its max', (p: Content) => { p.form[2]!.min = 11; }, 'form.2.min'],
    ['options on a text field', (p: Content) => { p.form[0]!.options = ['a']; }, 'form.0.options'],
  ])('refuses, as input from an administrator, %s', (_, change, path) => {
    const p = valid();
    change(p);
    expect(ProcedureContent.safeParse(p).success).toBe(true);
    expect(issuesOf(ProcedureInput, p).map((i) => i.path)).toEqual([path]);
  });
});

describe('procedure codes', () => {
  it.each(['1.001193', '2.000815.000.00.00.H55', '3.000333.000.00.00.H41'])('accepts %s', (code) => expect(ProcedureCode.safeParse(code).success).toBe(true));
  it.each(['1.1193', '1.0011930', '2.000815.000.00.00.h55', '2.000815.000.00.H55', '../../etc', '1.001193 ', ''])('refuses %j', (code) =>
    expect(ProcedureCode.safeParse(code).success).toBe(false));
});

describe('request shapes', () => {
  it('reads the catalogue query from strings, with a default page size', () => {
    expect(ListProceduresQuery.parse({ level: '3', unit: UNIT, q: '  ho tich ' })).toEqual({ level: 3, unit: UNIT, q: 'ho tich', limit: 20 });
    expect(ListProceduresQuery.safeParse({ level: '5' }).success).toBe(false);
    expect(ListProceduresQuery.safeParse({ limit: '101' }).success).toBe(false);
    expect(ListProceduresQuery.safeParse({ q: '   ' }).success).toBe(false);
    expect(ListProceduresQuery.safeParse({ status: 'draft' }).success).toBe(false);
  });

  it('needs the version and revision read to edit, and checks the content as input', () => {
    expect(UpdateProcedure.safeParse({ version: 1, revision: 1, content: valid() }).success).toBe(true);
    expect(issuesOf(UpdateProcedure, { version: 1, content: valid() }).map((i) => i.path)).toEqual(['revision']);
    expect(issuesOf(UpdateProcedure, { revision: 1, content: valid() }).map((i) => i.path)).toEqual(['version']);
    const citizenStep = valid();
    citizenStep.steps[0]!.role = 'citizen';
    expect(issuesOf(UpdateProcedure, { version: 1, revision: 1, content: citizenStep }).map((i) => i.path)).toEqual(['content.steps.0.role']);
  });

  it('publishes a version, optionally pinned to a revision', () => {
    expect(PublishProcedure.parse({ version: 2 })).toEqual({ version: 2 });
    expect(PublishProcedure.parse({ version: 2, revision: 3 })).toEqual({ version: 2, revision: 3 });
    expect(PublishProcedure.safeParse({ version: 0 }).success).toBe(false);
    expect(PublishProcedure.safeParse({}).success).toBe(false);
  });

  it('reads a version number from the path, 1 to 9999', () => {
    const base = { tenant: 'nghean', code: '1.001193' };
    expect(ProcedureVersionParams.parse({ ...base, version: '12' }).version).toBe(12);
    for (const version of ['0', '10000', '1.5', 'abc', '-1']) expect(ProcedureVersionParams.safeParse({ ...base, version }).success).toBe(false);
  });
});

describe('procedure routes', () => {
  const routes: Record<string, RouteDef> = procedureRoutes;

  it('are all under /v1/{tenant}/procedures, public for reading the published catalogue only', () => {
    for (const route of Object.values(routes)) expect(route.path.startsWith('/v1/{tenant}/procedures')).toBe(true);
    const publicOnes = Object.entries(routes).filter(([, r]) => r.access === 'public').map(([name]) => name).sort();
    expect(publicOnes).toEqual(['getProcedure', 'listProcedures']);
    for (const [name, route] of Object.entries(routes)) {
      if (route.access !== 'public') expect([name, route.access]).toEqual([name, ['tenant-admin']]);
      if (route.method === 'GET') expect(route.body).toBeUndefined();
    }
  });

  it('make creation idempotent and validate the code in every path that has one', () => {
    expect(routes.createProcedure).toMatchObject({ method: 'POST', status: 201, idempotent: true });
    for (const route of Object.values(routes).filter((r) => r.path.includes('{code}'))) {
      expect(route.params!.safeParse({ tenant: 'nghean', code: '../x', version: '1' }).success).toBe(false);
    }
  });

  it('each have an implementation, and nothing else does', () => {
    const implementations = procedureImplementations({ procedures: {} as ProcedureStore, clock: () => new Date() });
    expect(Object.keys(implementations).sort()).toEqual(Object.keys(routes).sort());
  });
});

describe.each(loadTenants().map((t) => [t.id, t] as const))('demo catalogue of %s', (_, tenant) => {
  const catalogue = demoProcedures(tenant);
  const units = new Set(demoUnits(tenant).map((u) => u.code));
  const names = catalogue.map((p) => foldVietnamese(p.name));

  it('parses as administrators\' input, every procedure', () => {
    for (const p of catalogue) expect([p.code, issuesOf(ProcedureInput, p)]).toEqual([p.code, []]);
  });

  it('has at least 12 procedures with distinct codes of the tenant', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(12);
    expect(new Set(catalogue.map((p) => p.code)).size).toBe(catalogue.length);
    for (const p of catalogue) expect(p.code.endsWith(`.000.00.00.${tenant.rootAgency.slice(-3)}`)).toBe(true);
  });

  it('is handled by units that exist in the tenant\'s demo directory, at every step', () => {
    for (const p of catalogue) {
      expect([p.code, units.has(p.unit)]).toEqual([p.code, true]);
      for (const s of p.steps) expect([p.code, s.unit, units.has(s.unit)]).toEqual([p.code, s.unit, true]);
      expect(p.unit).toMatch(AGENCY_CODE_PATTERN);
    }
    const used = new Set(catalogue.map((p) => p.unit));
    expect(used.has(tenant.rootAgency)).toBe(true);
    expect([...used].filter((u) => /^000\.00\.3\d\./.test(u)).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    'dang ky khai sinh', 'dang ky ket hon', 'dang ky khai tu', 'chung thuc ban sao tu ban chinh', 'dang ky thanh lap ho kinh doanh',
    'cap giay phep xay dung moi doi voi nha o rieng le', 'cho phep hop bao (trong nuoc)', 'cap giay phep xuat ban tai lieu khong kinh doanh',
    'cap phieu ly lich tu phap',
  ])('includes %s', (name) => {
    expect(names.some((n) => n.includes(name))).toBe(true);
  });

  it('covers every service level, a procedure with no due date, free and paid ones', () => {
    expect(new Set(catalogue.map((p) => p.level))).toEqual(new Set([2, 3, 4]));
    expect(catalogue.some((p) => p.processingDays === null)).toBe(true);
    expect(catalogue.some((p) => p.fee === 0)).toBe(true);
    expect(catalogue.some((p) => p.fee > 0)).toBe(true);
  });

  it('asks for documents in the accepted file types and uses every form field type', () => {
    const accepted = new Set(['application/pdf', 'image/jpeg', 'image/png']);
    for (const d of catalogue.flatMap((p) => p.documents)) for (const t of d.contentTypes) expect(accepted.has(t)).toBe(true);
    expect(new Set(catalogue.flatMap((p) => p.form.map((f) => f.type)))).toEqual(new Set(FORM_FIELD_TYPES));
    expect(catalogue.filter((p) => p.level > 2).every((p) => p.documents.some((d) => d.required))).toBe(true);
  });
});
