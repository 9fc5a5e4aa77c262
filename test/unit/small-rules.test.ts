// Small pure rules: agency codes, wire time, cursors, generated passwords, demo data.
import { AGENCY_CODE_PATTERN } from '#shared/agency';
import { toVietnamIso } from '#shared/clock';
import { decodeCursor, encodeCursor } from '#shared/ddb';
import { generateTemporaryPassword } from '#functions/directory/service';
import { demoUnits } from '#local/seed-data';
import { loadTenants } from '#infra/tenants';

describe('agency identifier', () => {
  it.each(['000.00.00.H41', '000.00.00.G22', '123.45.67.A00'])('accepts %s', (code) => expect(AGENCY_CODE_PATTERN.test(code)).toBe(true));
  it.each(['000.00.00.h41', '00.00.00.H41', '000.00.00.H4', '000-00-00-H41', ' 000.00.00.H41'])('refuses %s', (code) => expect(AGENCY_CODE_PATTERN.test(code)).toBe(false));
});

describe('time on the wire', () => {
  it('is ISO 8601 with the +07:00 offset of Asia/Ho_Chi_Minh, across midnight', () => {
    expect(toVietnamIso(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01T00:30:00+07:00');
    expect(new Date(toVietnamIso(new Date('2026-06-01T02:03:04Z'))).toISOString()).toBe('2026-06-01T02:03:04.000Z');
  });
});

describe('pagination cursors', () => {
  it('round-trip for the partition they were issued for', () => {
    const key = { pk: 'nghean#UNIT', sk: '000.00.00.H41' };
    expect(decodeCursor(encodeCursor(key), 'pk', 'nghean#UNIT')).toEqual(key);
  });

  it.each([
    ['another tenant\'s partition', encodeCursor({ pk: 'hue#UNIT', sk: 'x' })],
    ['garbage', '@@@'],
    ['JSON of the wrong shape', Buffer.from('[1,2]').toString('base64url')],
    ['nested objects', Buffer.from(JSON.stringify({ pk: 'nghean#UNIT', sk: { S: 'x' } })).toString('base64url')],
  ])('refuse %s with 400 INVALID_CURSOR', (_, cursor) => {
    expect(() => decodeCursor(cursor, 'pk', 'nghean#UNIT')).toThrow(expect.objectContaining({ status: 400, code: 'INVALID_CURSOR' }));
  });
});

describe('generated temporary passwords', () => {
  it('always meet the pool policy: 8+ characters with lower, upper, digit and symbol, and differ', () => {
    const passwords = Array.from({ length: 200 }, generateTemporaryPassword);
    for (const p of passwords) {
      expect(p.length).toBeGreaterThanOrEqual(8);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/\d/);
      expect(p).toMatch(/[^A-Za-z0-9]/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});

describe('demo units', () => {
  it.each(loadTenants().map((t) => [t.id, t] as const))('%s has its People\'s Committee, 4+ departments and 6+ communes with distinct valid codes', (_, tenant) => {
    const units = demoUnits(tenant);
    expect(units[0]).toMatchObject({ code: tenant.rootAgency, level: 'province' });
    expect(units.filter((u) => u.level === 'department').length).toBeGreaterThanOrEqual(4);
    expect(units.filter((u) => u.level === 'commune').length).toBeGreaterThanOrEqual(6);
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    units.forEach((u) => expect(u.code).toMatch(AGENCY_CODE_PATTERN));
    units.slice(1).forEach((u) => expect(u.parentCode).toBe(tenant.rootAgency));
  });
});
