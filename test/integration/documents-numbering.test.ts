// Numbering of outgoing documents against the running suite's DynamoDB Local: the documents service in this process,
// with a controlled clock, issues approved documents of a fresh issuing unit around midnight on 31 December. Numbers
// restart at 01 on 1 January in Vietnam time (UTC+7), whatever the UTC date, and confidential documents are numbered
// in a series of their own.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '#shared/auth';
import { toVietnamIso } from '#shared/clock';
import { directoryKeys } from '#shared/directory';
import { issue } from '#functions/documents/outgoing';
import type { OutgoingDocument } from '#functions/documents/schemas';
import { outgoingItem } from '#functions/documents/store';
import { documentsWiring } from '#functions/documents/wiring';
import { suiteInfo } from './support';

const TENANT = 'nghean';
const info = suiteInfo();
const local = { region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.endpoints.dynamodb, ...local }), { marshallOptions: { removeUndefinedValues: true } });
const s3 = new S3Client({ endpoint: info.endpoints.s3, forcePathStyle: true, ...local });

/**
 * A unit no earlier run has numbered anything for: its registers all start empty. Its code is a valid agency code
 * (the directory's unit list reads every unit of the tenant, this one too, and must find it well formed).
 */
const UNIT = ((n) => `9${String(n % 100).padStart(2, '0')}.${String(Math.floor(n / 100) % 100).padStart(2, '0')}.${String(Math.floor(n / 10_000) % 100).padStart(2, '0')}.H41`)(Date.now());
const CALLER: Caller = { id: 't', email: 't@x', tenant: TENANT, unit: UNIT, roles: ['tenant-admin'] };

let now = new Date();
const deps = documentsWiring({
  db, s3, clock: () => now,
  tables: {
    documents: `${TENANT}-documents`, uploads: `${TENANT}-uploads`, outbox: `${TENANT}-mail-outbox`,
    directory: `${TENANT}-directory`, exchange: 'platform-exchange',
  },
  buckets: { files: `tinhso-${TENANT}`, exchange: 'tinhso-platform-exchange' },
});

/** An approved quyết định of the unit, written straight to the store (the draft and approval steps are not under test). */
async function approved(confidentiality: OutgoingDocument['confidentiality'] = 'thuong'): Promise<OutgoingDocument> {
  const at = '2026-12-31T20:00:00+07:00';
  const unit = { code: UNIT, name: 'Phòng Thử nghiệm đánh số', abbr: 'TST' };
  const doc: OutgoingDocument = {
    id: randomUUID(), kind: 'outgoing', version: 1, status: 'approved',
    type: 'quyet-dinh', typeName: 'Quyết định', subject: 'Thử nghiệm đánh số văn bản qua năm mới',
    draftingUnit: unit, issuingUnit: unit, signer: { name: 'Nguyễn Văn Ký', position: 'Trưởng phòng' },
    urgency: 'thuong', confidentiality, recipients: [],
    mainFile: { key: 'documents/numbering-test/main', fileName: 'qd.pdf', contentType: 'application/pdf', size: 1, sha256: '0'.repeat(64) },
    annexes: [], revisions: [], createdAt: at, createdBy: CALLER.id, updatedAt: at,
    history: [{ at, action: 'approve', by: { id: CALLER.id } }],
  };
  expect(await deps.store.write([{ Put: { TableName: deps.store.table, Item: outgoingItem(TENANT, doc) } }])).toBe(true);
  return doc;
}

async function issueAt(instant: string, confidentiality: OutgoingDocument['confidentiality'] = 'thuong'): Promise<OutgoingDocument> {
  const doc = await approved(confidentiality);
  now = new Date(instant);
  return issue(deps, TENANT, CALLER, doc.id, { version: doc.version });
}

beforeAll(async () => {
  // The service finds the tenant's root agency in TENANTS, as in its function.
  process.env.TENANTS ??= JSON.stringify(info.tenants);
  await db.send(new PutCommand({
    TableName: `${TENANT}-directory`,
    // A complete unit, as the directory service writes one: other tests list the tenant's units.
    Item: {
      pk: directoryKeys.unit(TENANT), sk: UNIT, code: UNIT, name: 'Phòng Thử nghiệm đánh số', shortName: 'TST', level: 'department',
      parentCode: info.tenants.find((t) => t.id === TENANT)!.rootAgency, active: true, version: 1, createdAt: toVietnamIso(new Date()), updatedAt: toVietnamIso(new Date()),
    },
  }));
});

afterAll(() => {
  db.destroy();
  s3.destroy();
});

describe('numbering restarts at 01 on 1 January (Vietnam time) and confidential documents have their own series', () => {
  it('numbers across the turn of the year in Vietnam time', async () => {
    const first = await issueAt('2026-12-31T23:59:00+07:00');
    expect(first).toMatchObject({ status: 'issued', version: 2, number: 1, year: 2026, series: 'out', numberSymbol: '01/QĐ-TST' });
    expect(first.issuedAt).toBe('2026-12-31T23:59:00+07:00');

    const second = await issueAt('2026-12-31T23:59:30+07:00');
    expect(second).toMatchObject({ number: 2, year: 2026, series: 'out', numberSymbol: '02/QĐ-TST' });

    const newYear = await issueAt('2027-01-01T00:00:10+07:00');
    expect(newYear).toMatchObject({ number: 1, year: 2027, series: 'out', numberSymbol: '01/QĐ-TST' });
    expect(newYear.issuedAt).toBe('2027-01-01T00:00:10+07:00');

    // Still 31 December in UTC, already 1 January in Vietnam: the 2027 register.
    const utcEve = await issueAt('2026-12-31T17:00:30Z');
    expect(utcEve).toMatchObject({ number: 2, year: 2027, series: 'out', numberSymbol: '02/QĐ-TST' });
    expect(utcEve.issuedAt).toBe('2027-01-01T00:00:30+07:00');
    expect(utcEve.issuedAt).toMatch(/\+07:00$/);
    expect(utcEve.documentId).toMatch(/,2027\/01\/01,02\/QĐ-TST$/);

    // What the store keeps is what issue returned.
    const stored = await deps.store.getOutgoing(TENANT, utcEve.id);
    expect(stored).toMatchObject({ status: 'issued', number: 2, year: 2027, numberSymbol: '02/QĐ-TST', issuedAt: '2027-01-01T00:00:30+07:00' });
  });

  it('numbers confidential documents in a series of their own', async () => {
    const secret = await issueAt('2027-01-01T08:00:00+07:00', 'mat');
    expect(secret).toMatchObject({ number: 1, year: 2027, series: 'out-confidential', numberSymbol: '01/QĐ-TST' });
    expect(secret.issuedAt).toBe(toVietnamIso(new Date('2027-01-01T01:00:00Z')));

    // …and the ordinary series goes on where it was.
    const ordinary = await issueAt('2027-01-01T08:05:00+07:00');
    expect(ordinary).toMatchObject({ number: 3, year: 2027, series: 'out', numberSymbol: '03/QĐ-TST' });
  });
});
