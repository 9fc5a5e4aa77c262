// The local EventBridge (local/schedules.ts): schedule expressions as EventBridge reads them (UTC, 1 = Sunday), the
// timers that run each job for every tenant with a ScheduledEvent, SCHEDULES=off, and running a job now.
import type { ScheduledEvent } from 'aws-lambda';
import { SERVICES } from '#functions/index';
import type { DeployedTenant } from '#shared/tenant';
import { catalogSchedules, parseSchedule, ScheduleExpressionError, startSchedules } from '#local/schedules';

const next = (expression: string, after: string, origin?: string) =>
  parseSchedule(expression, origin ? new Date(origin) : undefined).next(new Date(after)).toISOString();

describe('schedule expressions', () => {
  it.each([
    // 00:15 in Vietnam every day is 17:15 UTC the day before.
    ['cron(15 17 * * ? *)', '2025-10-15T17:14:59Z', '2025-10-15T17:15:00.000Z'],
    ['cron(15 17 * * ? *)', '2025-10-15T17:15:00Z', '2025-10-16T17:15:00.000Z'],
    ['cron(0 0 * * ? *)', '2025-12-31T23:59:00Z', '2026-01-01T00:00:00.000Z'],
    // Weekdays: 2-6 is Monday to Friday (1 = Sunday). 2025-10-10 is a Friday.
    ['cron(0 1 ? * 2-6 *)', '2025-10-10T02:00:00Z', '2025-10-13T01:00:00.000Z'],
    ['cron(30 0 ? * MON,FRI *)', '2025-10-11T00:00:00Z', '2025-10-13T00:30:00.000Z'],
    ['cron(0/20 * * * ? *)', '2025-10-10T10:41:00Z', '2025-10-10T11:00:00.000Z'],
    ['cron(0 9 1 JAN-MAR ? 2026)', '2025-10-10T00:00:00Z', '2026-01-01T09:00:00.000Z'],
    ['cron(0 0 29 2 ? *)', '2025-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('%s after %s fires at %s', (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it('rate(n unit) counts whole periods from when the scheduler started', () => {
    expect(next('rate(5 minutes)', '2025-10-10T10:07:00Z', '2025-10-10T10:00:00Z')).toBe('2025-10-10T10:10:00.000Z');
    expect(next('rate(1 hour)', '2025-10-10T10:00:00Z', '2025-10-10T10:00:00Z')).toBe('2025-10-10T11:00:00.000Z');
    expect(next('rate(2 days)', '2025-10-10T10:00:00Z', '2025-10-09T00:00:00Z')).toBe('2025-10-11T00:00:00.000Z');
  });

  it.each([
    'cron(0 0 * * * *)', 'cron(0 0 ? * ? *)', 'cron(0 0 L * ? *)', 'cron(0 25 * * ? *)', 'cron(0 0 * * ?)', 'rate(1 minutes)', 'rate(5 minute)', 'rate(0 days)', 'every day',
  ])('refuses %s with a message naming it', (expression) => {
    expect(() => parseSchedule(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseSchedule(expression)).toThrow(expression);
  });

  it('every schedule of the catalog is an expression the local scheduler and EventBridge both take', () => {
    const schedules = catalogSchedules();
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) expect(() => parseSchedule(s.schedule)).not.toThrow();
    expect(catalogSchedules(SERVICES)).toEqual(SERVICES.flatMap((s) => s.schedules ?? []));
  });
});

describe('the scheduler', () => {
  const tenants = ['hue', 'nghean'].map((id) => ({ id, auth: { region: 'ap-southeast-1', userPoolId: 'p', clientId: 'c' } })) as DeployedTenant[];
  const jobs = [{ name: 'every-ten', schedule: 'cron(0/10 * * * ? *)', entry: 'none' }];

  afterEach(() => jest.useRealTimers());

  it('runs each job for every tenant at its times, with the ScheduledEvent EventBridge sends', async () => {
    // Prepare
    jest.useFakeTimers({ now: new Date('2025-10-10T10:04:30Z') });
    const calls: { tenant: string; target: string; event: ScheduledEvent }[] = [];
    // Act
    const scheduler = startSchedules({ tenants, schedules: jobs, invoke: async (tenant, target, event) => { calls.push({ tenant, target, event: event as ScheduledEvent }); } });
    await jest.advanceTimersByTimeAsync(5 * 60_000 + 29_000);
    const early = calls.length;
    await jest.advanceTimersByTimeAsync(2_000);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    scheduler.stop();
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    // Assess
    expect(early).toBe(0);
    expect(calls.map((c) => `${c.tenant} ${c.target} ${c.event.time}`)).toEqual([
      'hue every-ten 2025-10-10T10:10:00Z', 'nghean every-ten 2025-10-10T10:10:00Z', 'hue every-ten 2025-10-10T10:20:00Z', 'nghean every-ten 2025-10-10T10:20:00Z',
    ]);
    expect(calls[0]!.event).toEqual({
      version: '0', id: expect.any(String), 'detail-type': 'Scheduled Event', source: 'aws.events', account: expect.any(String),
      time: '2025-10-10T10:10:00Z', region: 'ap-southeast-1', resources: [expect.stringMatching(/^arn:aws:events:ap-southeast-1:\d+:rule\/tinhso-hue-every-ten$/)], detail: {},
    });
  });

  it('SCHEDULES=off: no timer runs, a job still runs when asked, and a failing job does not stop the others', async () => {
    // Prepare
    jest.useFakeTimers({ now: new Date('2025-10-10T10:04:30Z') });
    const calls: string[] = [];
    const scheduler = startSchedules({ tenants, schedules: jobs, enabled: false, invoke: async (tenant, _target, event) => { calls.push(`${tenant} ${(event as ScheduledEvent).time}`); } });
    // Act
    await jest.advanceTimersByTimeAsync(3 * 3_600_000);
    const result = await scheduler.runNow('nghean', 'every-ten', new Date('2025-10-15T17:15:00Z'));
    // Assess
    expect(result).toBeUndefined();
    expect(calls).toEqual(['nghean 2025-10-15T17:15:00Z']);
    await expect(scheduler.runNow('nghean', 'nope')).rejects.toThrow('No schedule named nope; known: every-ten');
    await expect(scheduler.runNow('hanoi', 'every-ten')).rejects.toThrow('No tenant hanoi');

    const failing = startSchedules({ tenants, schedules: jobs, log: () => undefined, invoke: async (tenant) => { if (tenant === 'hue') throw new Error('down'); calls.push(tenant); } });
    await jest.advanceTimersByTimeAsync(6 * 60_000);
    failing.stop();
    expect(calls.slice(1)).toEqual(['nghean']);
  });
});
