// The archive's line format and the import window's bounds (functions/platform/archive/format.ts, shared/import-window.ts).
import type { DynamoDBRecord } from 'aws-lambda';
import { attributeFromJson, itemFromLine, itemToLine, linesOf, newExportId, ExportId } from '#functions/platform/archive/format';
import { inImportWindow, skippedRecord, tenantOfRecord } from '#shared/import-window';

describe('archive lines', () => {
  it('keep numbers digit for digit, sets as sets, binaries byte for byte, nesting and nulls', () => {
    const item = {
      pk: { S: 'hatinh#DOSSIER#1' },
      big: { N: '12345678901234567890.123456789' },
      tags: { SS: ['a', 'b'] },
      sizes: { NS: ['1', '2.5'] },
      raw: { B: new Uint8Array([0, 255, 10, 13]) },
      raws: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
      nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }, { S: 'x\ny' }] } } },
    };
    const line = itemToLine(item);
    expect(line).not.toContain('\n');
    const back = itemFromLine(line);
    expect(back.big).toEqual({ N: '12345678901234567890.123456789' });
    expect(Array.from(back.raw!.B!)).toEqual([0, 255, 10, 13]);
    expect(back.raws!.BS!.map((b) => Array.from(b))).toEqual([[1], [2, 3]]);
    expect(back.nested).toEqual({ M: { list: { L: [{ BOOL: true }, { NULL: true }, { S: 'x\ny' }] } } });
    expect(back.tags).toEqual({ SS: ['a', 'b'] });
    expect(JSON.parse(line).raw).toEqual({ B: 'AP8KDQ==' });
  });

  it('refuse what is not DynamoDB JSON', () => {
    expect(() => attributeFromJson({ X: 1 })).toThrow('unknown attribute type X');
    expect(() => attributeFromJson({ S: 'a', N: '1' })).toThrow();
  });

  it('split a JSON Lines file, an empty table being an empty file', () => {
    expect(linesOf(new TextEncoder().encode(''))).toEqual([]);
    expect(linesOf(new TextEncoder().encode('{"a":{"S":"1"}}\n{"a":{"S":"2"}}\n'))).toHaveLength(2);
  });

  it('name exports so that they sort by time', () => {
    const a = newExportId(new Date('2026-11-24T09:00:00.005Z'), '00000f');
    const b = newExportId(new Date('2026-11-24T10:00:00.000Z'), '000000');
    expect(a).toBe('20261124T090000005Z-00000f');
    expect(ExportId.safeParse(a).success).toBe(true);
    expect([b, a].sort()).toEqual([a, b]);
  });
});

describe('import window', () => {
  const window = { from: '2026-11-24T16:00:00.700+07:00', to: '2026-11-24T16:00:05.200+07:00' };
  const fromSecond = Date.parse('2026-11-24T09:00:00Z') / 1000;

  it('holds records that may have been written between the second it opened and the second it closed', () => {
    // Stamped to the minute (DynamoDB Local): one stamped 59 s before the window opened may have been written in it.
    expect(inImportWindow(window, fromSecond - 60)).toBe(false);
    expect(inImportWindow(window, fromSecond - 59)).toBe(true);
    expect(inImportWindow(window, fromSecond)).toBe(true); // written at .900 of the first second, rounded down
    expect(inImportWindow(window, fromSecond + 6)).toBe(true);
    expect(inImportWindow(window, fromSecond + 7)).toBe(false);
  });

  it('holds every later record while it is open, and nothing when there is none', () => {
    expect(inImportWindow({ from: window.from }, fromSecond + 3600)).toBe(true);
    expect(inImportWindow(undefined, fromSecond)).toBe(false);
    expect(inImportWindow(window, undefined)).toBe(false);
  });

  const record = (pk: string, created: number) => ({ dynamodb: { Keys: { pk: { S: pk }, sk: { S: 'X' } }, ApproximateCreationDateTime: created } }) as DynamoDBRecord;

  it('knows a record\'s tenant by its key, and skips records of an offboarded tenant', () => {
    expect(tenantOfRecord(record('hatinh#OUTBOX#1', 0))).toBe('hatinh');
    expect(tenantOfRecord(record('nohash', 0))).toBeUndefined();
    // Keys come in any order, and a sort key may hold a # of its own.
    expect(tenantOfRecord({ dynamodb: { Keys: { sk: { S: 'V#0001' }, pk: { S: 'hatinh#PROC#1' } } } } as DynamoDBRecord)).toBe('hatinh');
    expect(skippedRecord(record('hatinh#X', fromSecond + 100), { status: 'offboarded' })).toBe(true);
    expect(skippedRecord(record('hatinh#X', fromSecond + 100), { status: 'active', importWindow: window })).toBe(false);
    expect(skippedRecord(record('hatinh#X', fromSecond - 100), { status: 'active', importWindow: window })).toBe(false);
    expect(skippedRecord(record('hatinh#X', fromSecond + 1), { status: 'active', importWindow: window })).toBe(true);
    expect(skippedRecord(record('hatinh#X', fromSecond + 1), undefined)).toBe(false);
  });
});
