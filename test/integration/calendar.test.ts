// A province's working-time calendar: the seeded national holidays, edited by its tenant-admin, used for due dates.
import { adminOf, api, officerOf } from './support';

describe('the working-time calendar', () => {
  it('serves the seeded holidays of a year nobody edited, publicly', async () => {
    const res = await api('GET', '/v1/hue/calendar/2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, version: 0, source: 'seeded', officeHours: { morning: { start: '07:00', end: '11:30' } } });
    expect(res.body.holidays.map((h: { date: string }) => h.date)).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-17', '2026-04-30', '2026-09-02']));
  });

  it('lets the tenant-admin add a holiday, with the version read, and refuses a stale version', async () => {
    // Prepare
    const token = await adminOf('danang');
    const seeded = (await api('GET', '/v1/danang/calendar/2027', { token })).body;
    const body = {
      version: seeded.version, officeHours: seeded.officeHours, workingDays: seeded.workingDays,
      holidays: [...seeded.holidays, { date: '2027-03-29', name: 'Ngày giải phóng Đà Nẵng (nghỉ theo quyết định của tỉnh)' }],
    };
    // Act
    const saved = await api('PUT', '/v1/danang/calendar/2027', { token, body });
    const stale = await api('PUT', '/v1/danang/calendar/2027', { token, body });
    // Assess
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, source: 'tenant' });
    expect(stale.status).toBe(409);
    expect((await api('GET', '/v1/danang/calendar/2027')).body.holidays.map((h: { date: string }) => h.date)).toContain('2027-03-29');
    // Another province keeps the national calendar
    expect((await api('GET', '/v1/hue/calendar/2027')).body.holidays.map((h: { date: string }) => h.date)).not.toContain('2027-03-29');
  });

  it.each([
    ['a holiday outside the year', { holidays: [{ date: '2026-05-01', name: 'x' }] }],
    ['a morning that ends after the afternoon starts', { officeHours: { morning: { start: '07:00', end: '14:00' }, afternoon: { start: '13:30', end: '17:00' } } }],
    ['a day both a holiday and a working day', { holidays: [{ date: '2025-05-03', name: 'x' }], workingDays: [{ date: '2025-05-03', name: 'y' }] }],
  ])('refuses %s with 400, writing nothing', async (_, change) => {
    const token = await adminOf('quangtri');
    const current = (await api('GET', '/v1/quangtri/calendar/2025', { token })).body;
    const res = await api('PUT', '/v1/quangtri/calendar/2025', {
      token, body: { version: current.version, officeHours: current.officeHours, holidays: current.holidays, workingDays: current.workingDays, ...change },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((await api('GET', '/v1/quangtri/calendar/2025', { token })).body.version).toBe(current.version);
  });

  it('is edited by the tenant-admin only', async () => {
    const current = (await api('GET', '/v1/nghean/calendar/2026')).body;
    const res = await api('PUT', '/v1/nghean/calendar/2026', { token: await officerOf('nghean'), body: { ...current, version: current.version, year: undefined, source: undefined } });
    expect(res.status).toBe(403);
  });

  it('refuses a year out of range', async () => {
    expect((await api('GET', '/v1/nghean/calendar/1999')).status).toBe(400);
  });
});
