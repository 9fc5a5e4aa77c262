// The procedure catalogue against DynamoDB Local of the running suite: versions, publication, races, search,
// filters, pagination, tenancy, the demo seed, and the routes through the HTTP adapter every service uses.
// It talks to the store and the service directly (and to the HTTP adapter in-process), so it runs before and after
// the dossiers service is wired into the local gateway.
import type { Context } from 'aws-lambda';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { procedureImplementations } from '#functions/dossiers/procedures/implementations';
import { procedureRoutes } from '#functions/dossiers/procedures/routes';
import { ProcedureVersion, type AdminProcedureVersion, type ProcedureContent } from '#functions/dossiers/procedures/schemas';
import { demoProcedures, seedProcedures } from '#functions/dossiers/procedures/seed';
import * as procedures from '#functions/dossiers/procedures/service';
import { dynamoProcedureStore, type ProcedureStore } from '#functions/dossiers/procedures/store';
import { dossiersTable } from '#functions/dossiers/tables';
import { systemClock } from '#shared/clock';
import { encodeCursor } from '#shared/ddb';
import { httpHandler, type HttpEvent } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { foldVietnamese } from '#shared/text';
import { tableInput } from '#local/provision';
import { suiteInfo, unique } from './support';

const REGION = 'ap-southeast-1';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const UNIT = '000.00.31.H41';

let nghean: procedures.ProcedureDeps;
let hue: procedures.ProcedureDeps;

async function ensureTable(db: DynamoDBClient, tenant: string): Promise<void> {
  const input = tableInput(tenant, dossiersTable);
  try {
    await db.send(new CreateTableCommand(input));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  await waitUntilTableExists({ client: db, maxWaitTime: 30 }, { TableName: input.TableName });
}

beforeAll(async () => {
  const db = new DynamoDBClient({ endpoint: suiteInfo().endpoints.dynamodb, region: REGION, credentials: CREDENTIALS });
  // The table exists once the dossiers service is in the catalog; until then, make it as the local runtime would.
  await ensureTable(db, 'nghean');
  await ensureTable(db, 'hue');
  const doc = DynamoDBDocumentClient.from(db, { marshallOptions: { removeUndefinedValues: true } });
  nghean = { procedures: dynamoProcedureStore(doc, 'nghean-dossiers'), clock: systemClock };
  hue = { procedures: dynamoProcedureStore(doc, 'hue-dossiers'), clock: systemClock };
});

let seq = 0;
const base = Math.floor(Math.random() * 800_000);
/** A fresh national-form code per test (the first digit 9 keeps clear of the seeded catalogue). */
const newCode = () => `9.${String(base + seq++).padStart(6, '0')}.000.00.00.H41`;

function content(code: string, extra: Partial<ProcedureContent> = {}): ProcedureContent {
  return {
    code, name: `Thủ tục thử nghiệm ${unique()}`, field: 'Thử nghiệm', unit: UNIT, level: 4, processingDays: 5, fee: 0,
    documents: [{ id: 'to-khai', name: 'Tờ khai', required: true, contentTypes: ['application/pdf'] }],
    form: [{ id: 'hoTen', label: 'Họ và tên', type: 'text', required: true, maxLength: 100 }],
    steps: [
      { name: 'Tiếp nhận hồ sơ', unit: UNIT, role: 'clerk', share: 20 },
      { name: 'Giải quyết', unit: UNIT, role: 'officer', share: 80 },
    ],
    ...extra,
  };
}

async function published(deps: procedures.ProcedureDeps, extra: Partial<ProcedureContent> = {}): Promise<AdminProcedureVersion> {
  const created = await procedures.createProcedure(deps, 'nghean', content(newCode(), extra));
  return procedures.publishProcedure(deps, 'nghean', created.code, { version: 1 });
}

/** Every line of the public catalogue for a query, following the cursors. */
async function all(deps: procedures.ProcedureDeps, tenant: string, query: Record<string, unknown> = {}) {
  const items: { code: string; name: string; field: string; unit: string; level: number; version: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await procedures.listPublishedProcedures(deps, tenant, { limit: 100, ...query, cursor } as never);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

const refusal = (status: number, code: string) => expect.objectContaining({ status, code });

describe('versions and publication', () => {
  it('creates version 1 as a draft that the public catalogue does not show', async () => {
    const input = content(newCode());
    const created = await procedures.createProcedure(nghean, 'nghean', input);
    expect(created).toMatchObject({ ...input, version: 1, status: 'draft', revision: 1 });
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(await nghean.procedures.getVersion('nghean', input.code, 1)).toEqual(created);
    expect((await all(nghean, 'nghean', { q: input.name })).map((p) => p.code)).toEqual([]);
    await expect(procedures.getPublishedProcedure(nghean, 'nghean', input.code)).rejects.toEqual(refusal(404, 'PROCEDURE_NOT_FOUND'));
    expect(await nghean.procedures.getPublished('nghean', input.code)).toBeUndefined();
  });

  it('refuses a code that is taken with 409 PROCEDURE_EXISTS and keeps the first', async () => {
    const input = content(newCode());
    await procedures.createProcedure(nghean, 'nghean', input);
    await expect(procedures.createProcedure(nghean, 'nghean', { ...input, name: 'Tên khác hẳn' })).rejects.toEqual(refusal(409, 'PROCEDURE_EXISTS'));
    expect((await nghean.procedures.getVersion('nghean', input.code, 1))!.name).toBe(input.name);
  });

  it('publishes: the public catalogue lists it, and submission reads it as the published version', async () => {
    const input = content(newCode());
    await procedures.createProcedure(nghean, 'nghean', input);
    const pub = await procedures.publishProcedure(nghean, 'nghean', input.code, { version: 1 });
    expect(pub).toMatchObject({ version: 1, status: 'published', revision: 1 });
    expect(pub.publishedAt).toBe(pub.updatedAt);
    expect(await all(nghean, 'nghean', { q: input.name })).toEqual([
      expect.objectContaining({ code: input.code, name: input.name, version: 1, level: 4, unit: UNIT, processingDays: 5, fee: 0 }),
    ]);
    const forSubmission = await nghean.procedures.getPublished('nghean', input.code);
    expect(forSubmission).toEqual(pub);
    expect(ProcedureVersion.parse(forSubmission)).toMatchObject({ code: input.code, version: 1, status: 'published' });
  });

  it('edits a published procedure as version 2, a draft, leaving version 1 published and unchanged until 2 is published', async () => {
    const v1 = await published(nghean, { name: `Đăng ký tạm trú thử ${unique()}` });
    const newName = `Đăng ký tạm trú (sửa) ${unique()}`;

    const v2 = await procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 1, revision: 1, content: content(v1.code, { name: newName, fee: 15_000 }) });
    expect(v2).toMatchObject({ version: 2, status: 'draft', revision: 1, name: newName, fee: 15_000 });
    expect(await nghean.procedures.getVersion('nghean', v1.code, 1)).toEqual(v1);
    expect(await nghean.procedures.getPublished('nghean', v1.code)).toEqual(v1);
    expect(await all(nghean, 'nghean', { q: v1.name })).toEqual([expect.objectContaining({ code: v1.code, name: v1.name, version: 1 })]);

    // The draft is replaced in place while it is a draft.
    const v2b = await procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 2, revision: 1, content: content(v1.code, { name: newName, fee: 20_000 }) });
    expect(v2b).toMatchObject({ version: 2, status: 'draft', revision: 2, fee: 20_000, createdAt: v2.createdAt });
    const versions = await procedures.listProcedureVersions(nghean, 'nghean', v1.code, { limit: 10 });
    expect(versions.items.map((v) => [v.version, v.status, v.revision])).toEqual([[2, 'draft', 2], [1, 'published', 1]]);

    const pub2 = await procedures.publishProcedure(nghean, 'nghean', v1.code, { version: 2 });
    expect(pub2).toMatchObject({ version: 2, status: 'published', fee: 20_000 });
    expect(await nghean.procedures.getPublished('nghean', v1.code)).toEqual(pub2);
    expect(await nghean.procedures.getVersion('nghean', v1.code, 1)).toEqual(v1);
    expect(await all(nghean, 'nghean', { q: newName })).toEqual([expect.objectContaining({ code: v1.code, name: newName, version: 2, fee: 20_000 })]);
    expect(await all(nghean, 'nghean', { q: v1.name })).toEqual([]);

    // A published version is never replaced: the next edit is version 3.
    const v3 = await procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 2, revision: 2, content: content(v1.code, { name: newName }) });
    expect(v3).toMatchObject({ version: 3, status: 'draft', revision: 1 });
    expect(await nghean.procedures.getVersion('nghean', v1.code, 2)).toEqual(pub2);
  });

  it('answers a stale edit with 409 VERSION_CONFLICT and changes nothing', async () => {
    const v1 = await published(nghean);
    await procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 1, revision: 1, content: content(v1.code, { fee: 1_000 }) });
    // Someone read version 1 before version 2 was made.
    await expect(procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 1, revision: 1, content: content(v1.code, { fee: 9_000 }) }))
      .rejects.toEqual(refusal(409, 'VERSION_CONFLICT'));
    // Someone read the draft before another save of it.
    await procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 2, revision: 1, content: content(v1.code, { fee: 2_000 }) });
    await expect(procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 2, revision: 1, content: content(v1.code, { fee: 9_000 }) }))
      .rejects.toEqual(refusal(409, 'VERSION_CONFLICT'));
    expect(await nghean.procedures.getVersion('nghean', v1.code, 2)).toMatchObject({ revision: 2, fee: 2_000 });
    expect(await nghean.procedures.getVersion('nghean', v1.code, 3)).toBeUndefined();
    expect(await nghean.procedures.getPublished('nghean', v1.code)).toEqual(v1);
  });

  it('refuses an edit whose content names another code, and edits of a procedure that does not exist', async () => {
    const v1 = await published(nghean);
    await expect(procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 1, revision: 1, content: content(newCode()) }))
      .rejects.toEqual(refusal(400, 'CODE_MISMATCH'));
    const missing = newCode();
    await expect(procedures.updateProcedure(nghean, 'nghean', missing, { version: 1, revision: 1, content: content(missing) }))
      .rejects.toEqual(refusal(404, 'PROCEDURE_NOT_FOUND'));
    await expect(procedures.listProcedureVersions(nghean, 'nghean', missing, { limit: 10 })).rejects.toEqual(refusal(404, 'PROCEDURE_NOT_FOUND'));
  });

  it('publishes only the latest version while it is a draft', async () => {
    const v1 = await published(nghean);
    await expect(procedures.publishProcedure(nghean, 'nghean', v1.code, { version: 1 })).rejects.toEqual(refusal(409, 'NOT_LATEST_DRAFT'));
    await procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 1, revision: 1, content: content(v1.code) });
    await expect(procedures.publishProcedure(nghean, 'nghean', v1.code, { version: 1 })).rejects.toEqual(refusal(409, 'NOT_LATEST_DRAFT'));
    await expect(procedures.publishProcedure(nghean, 'nghean', v1.code, { version: 7 })).rejects.toEqual(refusal(404, 'PROCEDURE_VERSION_NOT_FOUND'));
    await expect(procedures.publishProcedure(nghean, 'nghean', v1.code, { version: 2, revision: 5 })).rejects.toEqual(refusal(409, 'VERSION_CONFLICT'));
    await expect(procedures.publishProcedure(nghean, 'nghean', newCode(), { version: 1 })).rejects.toEqual(refusal(404, 'PROCEDURE_NOT_FOUND'));
    expect(await procedures.publishProcedure(nghean, 'nghean', v1.code, { version: 2, revision: 1 })).toMatchObject({ version: 2, status: 'published' });
  });

  it('answers 404 for a version that does not exist', async () => {
    const v1 = await published(nghean);
    await expect(procedures.getProcedureVersion(nghean, 'nghean', v1.code, 2)).rejects.toEqual(refusal(404, 'PROCEDURE_VERSION_NOT_FOUND'));
    expect(await procedures.getProcedureVersion(nghean, 'nghean', v1.code, 1)).toEqual(v1);
  });
});

describe('administrators acting at once', () => {
  it('lets exactly one of several publications of the same draft succeed', async () => {
    const input = content(newCode());
    await procedures.createProcedure(nghean, 'nghean', input);
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => procedures.publishProcedure(nghean, 'nghean', input.code, { version: 1 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toEqual(refusal(409, 'NOT_LATEST_DRAFT'));
    }
    expect(await nghean.procedures.getSummary('nghean', input.code)).toMatchObject({ publishedVersion: 1, latestVersion: 1, latestStatus: 'published' });
  });

  it('lets exactly one of several saves of the same draft win', async () => {
    const input = content(newCode());
    await procedures.createProcedure(nghean, 'nghean', input);
    const fees = [1_000, 2_000, 3_000];
    const results = await Promise.allSettled(fees.map((fee) =>
      procedures.updateProcedure(nghean, 'nghean', input.code, { version: 1, revision: 1, content: { ...input, fee } })));
    const won = results.filter((r): r is PromiseFulfilledResult<AdminProcedureVersion> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').forEach((r) => expect(r.reason).toEqual(refusal(409, 'VERSION_CONFLICT')));
    expect(await nghean.procedures.getVersion('nghean', input.code, 1)).toMatchObject({ revision: 2, fee: won[0]!.value.fee });
  });

  it('lets exactly one of several edits of a published version make the next version', async () => {
    const v1 = await published(nghean);
    const results = await Promise.allSettled([1, 2, 3].map((n) =>
      procedures.updateProcedure(nghean, 'nghean', v1.code, { version: 1, revision: 1, content: content(v1.code, { fee: n * 1_000 }) })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const versions = await procedures.listProcedureVersions(nghean, 'nghean', v1.code, { limit: 10 });
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
  });

  it('publishes the draft as last saved when a save and a publication cross', async () => {
    const input = content(newCode());
    await procedures.createProcedure(nghean, 'nghean', input);
    const [save, publish] = await Promise.allSettled([
      procedures.updateProcedure(nghean, 'nghean', input.code, { version: 1, revision: 1, content: { ...input, fee: 5_000 } }),
      procedures.publishProcedure(nghean, 'nghean', input.code, { version: 1 }),
    ]);
    expect(publish.status).toBe('fulfilled');
    const pub = await nghean.procedures.getPublished('nghean', input.code);
    // The save replaced the draft before it was published (and the publication took it), or it came after and made
    // version 2, or it lost the race (409): never a publication of content that is not what the version holds.
    const savedInPlace = save.status === 'fulfilled' && save.value.version === 1;
    expect(pub).toMatchObject(savedInPlace ? { version: 1, fee: 5_000, revision: 2 } : { version: 1, fee: 0, revision: 1 });
    if (save.status === 'fulfilled' && !savedInPlace) expect(save.value).toMatchObject({ version: 2, status: 'draft', fee: 5_000 });
    if (save.status === 'rejected') expect(save.reason).toEqual(refusal(409, 'VERSION_CONFLICT'));
    const line = (await all(nghean, 'nghean', { q: input.name }))[0];
    expect(line).toMatchObject({ fee: pub!.fee });
  });
});

describe('the public catalogue', () => {
  const token = unique();
  const unit = `9${String(Math.floor(Math.random() * 90) + 10)}.${String(Math.floor(Math.random() * 90) + 10)}.77.H41`;
  let khaiSinh: AdminProcedureVersion;
  let trichLuc: AdminProcedureVersion;
  let chungThuc: AdminProcedureVersion;
  const levels: Record<number, AdminProcedureVersion> = {};

  beforeAll(async () => {
    khaiSinh = await published(nghean, { name: `Đăng ký khai sinh ${token}`, field: 'Hộ tịch' });
    trichLuc = await published(nghean, { name: `Cấp bản sao trích lục hộ tịch ${token}`, field: 'Hộ tịch', level: 3 });
    chungThuc = await published(nghean, { name: `Chứng thực chữ ký ${token}`, field: 'Chứng thực', level: 3 });
    for (const level of [2, 3, 4] as const) {
      levels[level] = await published(nghean, { name: `Thủ tục mức ${level} ${token}`, unit, level, processingDays: level === 2 ? null : 3 });
    }
    // A draft in the same unit: never listed.
    await procedures.createProcedure(nghean, 'nghean', content(newCode(), { unit, level: 4, name: `Dự thảo ${token}` }));
  });

  it('finds "ho tich" in Hộ tịch procedures, without diacritics or case mattering', async () => {
    const found = await all(nghean, 'nghean', { q: 'ho tich' });
    const codes = found.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining([khaiSinh.code, trichLuc.code]));
    expect(codes).not.toContain(chungThuc.code);
    for (const p of found) expect(foldVietnamese(`${p.name} ${p.field}`)).toContain('ho tich');
    expect((await all(nghean, 'nghean', { q: 'HỘ TỊCH' })).map((p) => p.code).sort()).toEqual(codes.sort());
  });

  it('finds "KHAI SINH" in Đăng ký khai sinh, and a whole name typed without diacritics', async () => {
    const found = await all(nghean, 'nghean', { q: 'KHAI SINH' });
    expect(found.map((p) => p.code)).toContain(khaiSinh.code);
    expect(found.map((p) => p.code)).not.toContain(trichLuc.code);
    for (const p of found) expect(foldVietnamese(`${p.name} ${p.field}`)).toContain('khai sinh');
    expect((await all(nghean, 'nghean', { q: `dang ky khai sinh ${token}` })).map((p) => p.code)).toEqual([khaiSinh.code]);
    expect(await all(nghean, 'nghean', { q: `không có thủ tục nào tên ${token}` })).toEqual([]);
  });

  it('filters by field, level and unit, published procedures only', async () => {
    const byUnit = await all(nghean, 'nghean', { unit });
    expect(byUnit.map((p) => p.code).sort()).toEqual([levels[2]!.code, levels[3]!.code, levels[4]!.code].sort());
    for (const level of [2, 3, 4]) {
      expect((await all(nghean, 'nghean', { unit, level })).map((p) => p.code)).toEqual([levels[level]!.code]);
    }
    const level3 = await all(nghean, 'nghean', { level: 3, q: token });
    expect(level3.map((p) => p.code).sort()).toEqual([trichLuc.code, chungThuc.code, levels[3]!.code].sort());
    const hoTich = await all(nghean, 'nghean', { field: 'ho tich', q: token });
    expect(hoTich.map((p) => p.code).sort()).toEqual([khaiSinh.code, trichLuc.code].sort());
    for (const p of await all(nghean, 'nghean', { field: 'Hộ Tịch' })) expect(p.field).toBe('Hộ tịch');
  });

  it('pages with a cursor, never repeating nor skipping a procedure, filtered or not', async () => {
    const ours = [khaiSinh, trichLuc, chungThuc, ...Object.values(levels)].map((p) => p.code);
    for (const query of [{ q: token }, { unit }, {}]) {
      const everything = (await all(nghean, 'nghean', query)).map((p) => p.code);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await procedures.listPublishedProcedures(nghean, 'nghean', { limit: 2, ...query, cursor } as never);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((p) => p.code));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 500);
      expect(new Set(seen).size).toBe(seen.length);
      // The whole catalogue may grow meanwhile (other test files write to it): ours must all be there, in order.
      if (Object.keys(query).length) expect(seen).toEqual(everything);
      else expect(seen).toEqual(expect.arrayContaining(ours));
      expect([...seen].sort()).toEqual(seen);
    }
    expect((await all(nghean, 'nghean', { q: token })).length).toBe(6);
  });

  it('refuses a cursor it did not issue for this catalogue with 400 INVALID_CURSOR', async () => {
    const ours = (await procedures.listPublishedProcedures(nghean, 'nghean', { limit: 1 } as never)).cursor!;
    expect(ours).toBeDefined();
    const forged = [
      ours, // nghean's cursor handed to hue
      encodeCursor({ pk: 'nghean#PROC', sk: khaiSinh.code }),
      encodeCursor({ pk: `hue#PROC#${khaiSinh.code}`, sk: 'V#0001' }),
      'not-a-cursor', '{}',
    ];
    for (const cursor of forged) {
      await expect(procedures.listPublishedProcedures(hue, 'hue', { limit: 10, cursor } as never)).rejects.toEqual(refusal(400, 'INVALID_CURSOR'));
    }
    await expect(procedures.listProcedureVersions(nghean, 'nghean', khaiSinh.code, { limit: 1, cursor: encodeCursor({ pk: 'nghean#PROC', sk: khaiSinh.code }) }))
      .rejects.toEqual(refusal(400, 'INVALID_CURSOR'));
  });

  it('keeps provinces apart: Huế sees none of Nghệ An\'s procedures, and may use the same codes', async () => {
    expect(await all(hue, 'hue', { q: token })).toEqual([]);
    await expect(procedures.getPublishedProcedure(hue, 'hue', khaiSinh.code)).rejects.toEqual(refusal(404, 'PROCEDURE_NOT_FOUND'));
    await expect(procedures.getProcedureVersion(hue, 'hue', khaiSinh.code, 1)).rejects.toEqual(refusal(404, 'PROCEDURE_VERSION_NOT_FOUND'));
    // The same store pointed at Nghệ An's table, asked for Huế's partition, finds nothing either.
    expect(await nghean.procedures.getPublished('hue', khaiSinh.code)).toBeUndefined();

    const huesOwn = await procedures.createProcedure(hue, 'hue', content(khaiSinh.code, { name: `Thủ tục của Huế ${token}`, unit: '000.00.31.H57',
      steps: [{ name: 'Giải quyết', unit: '000.00.31.H57', role: 'officer', share: 100 }] }));
    expect(huesOwn.version).toBe(1);
    expect(await nghean.procedures.getPublished('nghean', khaiSinh.code)).toEqual(khaiSinh);
  });
});

describe('demo seed', () => {
  const tenant = { id: 'hue', rootAgency: '000.00.00.H57' };

  it('publishes the demo catalogue once: a second run creates nothing', async () => {
    const first = await seedProcedures(hue.procedures, tenant, systemClock);
    const codes = demoProcedures(tenant).map((p) => p.code);
    expect([...first.created, ...first.skipped].sort()).toEqual([...codes].sort());
    const second = await seedProcedures(hue.procedures, tenant, systemClock);
    expect(second).toEqual({ created: [], skipped: codes });
    for (const code of codes) expect(await hue.procedures.getPublished('hue', code)).toMatchObject({ code, status: 'published' });
    const listed = (await all(hue, 'hue')).map((p) => p.code);
    expect(listed).toEqual(expect.arrayContaining(codes));
    expect((await all(hue, 'hue', { q: 'dang ky khai sinh' })).map((p) => p.name)).toContain('Đăng ký khai sinh');
    expect((await all(hue, 'hue', { level: 2 })).length).toBeGreaterThanOrEqual(1);
  });

  it('finishes a seed that stopped half-way (a first draft not yet published)', async () => {
    const seedTenant = { id: 'hue', rootAgency: '000.00.00.H57' };
    const store: ProcedureStore = hue.procedures;
    const demo = demoProcedures(seedTenant);
    // A partition of a test-only tenant id in Huế's table, so the demo codes are free there.
    const half = { id: `seed${unique()}`, rootAgency: seedTenant.rootAgency };
    await procedures.createProcedure(hue, half.id, demo[0]!);
    const result = await seedProcedures(store, half, systemClock);
    expect(result.created).toHaveLength(demo.length);
    expect(await store.getPublished(half.id, demo[0]!.code)).toMatchObject({ version: 1, status: 'published' });
  });
});

describe('the routes through the HTTP adapter', () => {
  const saved = { ...process.env };
  let handler: (event: HttpEvent, context: Context) => Promise<{ statusCode?: number; body?: string }>;
  const context = { functionName: 'dossiers', awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

  beforeAll(() => {
    Object.assign(process.env, {
      TENANTS: JSON.stringify(['nghean', 'hue'].map((id) => ({
        id, name: id, provinceCode: '40', domain: `${id}.gov.vn`, rootAgency: '000.00.00.H41', services: ['dossiers'],
        auth: { region: REGION, userPoolId: `pool-${id}`, clientId: 'client' },
      }))),
      POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_TRACE_ENABLED: 'false',
      // Powertools idempotency keeps its records in the suite's own idempotency table.
      IDEMPOTENCY_TABLE: 'nghean-idempotency', AWS_REGION: REGION, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_ENDPOINT_URL_DYNAMODB: suiteInfo().endpoints.dynamodb,
      // Every tenant route checks the tenant's status in the platform's registry (the suite's own).
      TENANT_REGISTRY_TABLE: 'platform-tenants',
    });
    // Built after the environment is set: Powertools and the tenant registry read it when first used.
    handler = httpHandler('dossiers', procedureRoutes, procedureImplementations(nghean), powertoolsIdempotency()) as unknown as typeof handler;
  });

  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  const admin = { sub: 'admin-1', 'custom:tenant': 'nghean', 'cognito:groups': '[tenant-admin]' };
  const officer = { sub: 'officer-1', 'custom:tenant': 'nghean', 'cognito:groups': '[officer]' };

  async function call(method: string, template: string, params: Record<string, string>, options: {
    claims?: Record<string, string>; body?: unknown; query?: Record<string, string>; headers?: Record<string, string>;
  } = {}) {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
    const event = {
      version: '2.0', routeKey: `${method} ${template}`, rawPath: path, rawQueryString: new URLSearchParams(options.query).toString(),
      headers: { 'content-type': 'application/json', ...options.headers }, pathParameters: params, queryStringParameters: options.query,
      body: options.body === undefined ? undefined : JSON.stringify(options.body), isBase64Encoded: false,
      requestContext: {
        requestId: `req-${unique()}`, routeKey: `${method} ${template}`, http: { method, path },
        ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: [] } } } : {}),
      },
    } as unknown as HttpEvent;
    const result = await handler(event, context);
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  }

  const LIST = '/v1/{tenant}/procedures';
  const ONE = '/v1/{tenant}/procedures/{code}';

  it('creates (idempotently), edits, publishes and reads through the routes', async () => {
    const input = content(newCode());
    const headers = { 'idempotency-key': `proc-${unique()}` };
    const created = await call('POST', LIST, { tenant: 'nghean' }, { claims: admin, body: input, headers });
    expect(created).toMatchObject({ status: 201, body: { code: input.code, version: 1, status: 'draft', revision: 1 } });
    const retried = await call('POST', LIST, { tenant: 'nghean' }, { claims: admin, body: input, headers });
    expect(retried).toEqual(created);

    const params = { tenant: 'nghean', code: input.code };
    expect((await call('GET', ONE, params)).body.error.code).toBe('PROCEDURE_NOT_FOUND');
    const edited = await call('PUT', ONE, params, { claims: admin, body: { version: 1, revision: 1, content: { ...input, fee: 30_000 } } });
    expect(edited).toMatchObject({ status: 200, body: { version: 1, revision: 2, fee: 30_000 } });
    const pub = await call('POST', `${ONE}/publish`, params, { claims: admin, body: { version: 1 } });
    expect(pub).toMatchObject({ status: 200, body: { version: 1, status: 'published' } });
    const again = await call('POST', `${ONE}/publish`, params, { claims: admin, body: { version: 1 } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'NOT_LATEST_DRAFT' } } });

    const publicView = await call('GET', ONE, params);
    expect(publicView).toMatchObject({ status: 200, body: { code: input.code, version: 1, fee: 30_000 } });
    expect(publicView.body.revision).toBeUndefined();
    const list = await call('GET', LIST, { tenant: 'nghean' }, { query: { q: input.name.toUpperCase(), level: '4' } });
    expect(list.body.items).toEqual([expect.objectContaining({ code: input.code, version: 1 })]);
    const version = await call('GET', `${ONE}/versions/{version}`, { ...params, version: '1' }, { claims: admin });
    expect(version).toMatchObject({ status: 200, body: { version: 1, revision: 2 } });
    const versions = await call('GET', `${ONE}/versions`, params, { claims: admin, query: { limit: '5' } });
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('keeps drafts and writes to the tenant-admin, and validates codes and bodies', async () => {
    const input = content(newCode());
    expect((await call('POST', LIST, { tenant: 'nghean' }, { body: input })).status).toBe(401);
    expect((await call('POST', LIST, { tenant: 'nghean' }, { claims: officer, body: input })).body.error.code).toBe('FORBIDDEN');
    expect((await call('GET', `${ONE}/versions`, { tenant: 'nghean', code: input.code }, { claims: officer })).status).toBe(403);
    expect((await call('POST', LIST, { tenant: 'hue' }, { claims: admin, body: input })).body.error.code).toBe('TENANT_MISMATCH');

    const badCode = await call('GET', ONE, { tenant: 'nghean', code: '..%2Fetc' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details[0].path).toBe('params.code');
    const badShares = await call('POST', LIST, { tenant: 'nghean' }, {
      claims: admin, body: { ...input, steps: [{ name: 'Giải quyết', unit: UNIT, role: 'officer', share: 90 }] },
    });
    expect(badShares.status).toBe(400);
    expect(badShares.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.steps']);
    const badLevel = await call('GET', LIST, { tenant: 'nghean' }, { query: { level: '1' } });
    expect(badLevel.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.level']);
  });
});
