// The local EventBridge: runs the catalog's scheduled functions (functions/index.ts `schedules`) for every tenant on
// their schedule expressions, in the tenant's worker, with real ScheduledEvents (docs/streams.md, "Schedules").
// SCHEDULES=off turns the timers off. To run one job now:  npx tsx local/schedules.ts <tenant> <name> [<ISO time>]
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScheduledEvent } from 'aws-lambda';
import { SERVICES, type ScheduleDef } from '#functions/index';
import type { DeployedTenant } from '#shared/tenant';
import type { Endpoints } from './env';

const MINUTE_MS = 60_000;

/** When a schedule fires next, strictly after `after`. */
export interface Schedule {
  next(after: Date): Date;
}

export class ScheduleExpressionError extends Error {}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec { name: string; min: number; max: number; names?: string[] }
const FIELDS: FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // EventBridge counts 1 = Sunday … 7 = Saturday.
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2199 },
];

/** One cron field as the set of values it allows; undefined for `*` and `?` (anything). */
function parseField(text: string, spec: FieldSpec, expression: string): Set<number> | undefined {
  if (text === '*' || text === '?') return undefined;
  if (/[LW#]/.test(text)) throw new ScheduleExpressionError(`${expression}: "${text}" (L, W and #) is not supported by the local scheduler`);
  const value = (token: string): number => {
    const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + spec.min : Number(token);
    if (!Number.isInteger(n) || n < spec.min || n > spec.max) throw new ScheduleExpressionError(`${expression}: ${spec.name} "${token}" is not in ${spec.min}–${spec.max}`);
    return n;
  };
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new ScheduleExpressionError(`${expression}: ${spec.name} step "${stepText}" is not a positive integer`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else if (range.includes('-')) [from, to] = range.split('-').map(value) as [number, number];
    else [from, to] = [value(range), stepText === undefined ? value(range) : spec.max];
    if (from > to) throw new ScheduleExpressionError(`${expression}: ${spec.name} range "${range}" runs backwards`);
    for (let n = from; n <= to; n += step) allowed.add(n);
  }
  return allowed;
}

/**
 * An EventBridge schedule expression: `rate(n minute|minutes|hour|hours|day|days)` (counted from `origin`) or
 * `cron(minutes hours day-of-month month day-of-week year)` in UTC, with `*`, `?`, lists, ranges, steps and the
 * month and weekday names; L, W and # are not supported here.
 */
export function parseSchedule(expression: string, origin = new Date()): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!;
    if (n < 1 || (n === 1) !== !unit.endsWith('s')) throw new ScheduleExpressionError(`${expression}: write rate(1 ${unit.replace(/s$/, '')}) or rate(n ${unit.replace(/s?$/, 's')}) with n > 1`);
    const period = n * (unit.startsWith('minute') ? MINUTE_MS : unit.startsWith('hour') ? 60 * MINUTE_MS : 1440 * MINUTE_MS);
    return { next: (after) => new Date(origin.getTime() + (Math.floor((after.getTime() - origin.getTime()) / period) + 1) * period) };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  const parts = cron?.[1]!.trim().split(/\s+/);
  if (!parts || parts.length !== 6) throw new ScheduleExpressionError(`${expression}: expected rate(…) or cron(minutes hours day-of-month month day-of-week year)`);
  if ((parts[2] === '?') === (parts[4] === '?')) throw new ScheduleExpressionError(`${expression}: exactly one of day-of-month and day-of-week must be "?"`);
  const [minutes, hours, dom, month, dow, year] = parts.map((p, i) => parseField(p, FIELDS[i]!, expression));
  const ok = (set: Set<number> | undefined, n: number) => !set || set.has(n);
  return {
    next(after) {
      const t = new Date(Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
      for (let guard = 0; guard < 200_000; guard++) {
        if (t.getUTCFullYear() > 2199) break;
        if (!ok(year, t.getUTCFullYear())) { t.setUTCFullYear(t.getUTCFullYear() + 1, 0, 1); t.setUTCHours(0, 0, 0, 0); continue; }
        if (!ok(month, t.getUTCMonth() + 1)) { t.setUTCMonth(t.getUTCMonth() + 1, 1); t.setUTCHours(0, 0, 0, 0); continue; }
        if (!ok(dom, t.getUTCDate()) || !ok(dow, t.getUTCDay() + 1)) { t.setUTCDate(t.getUTCDate() + 1); t.setUTCHours(0, 0, 0, 0); continue; }
        if (!ok(hours, t.getUTCHours())) { t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0); continue; }
        if (!ok(minutes, t.getUTCMinutes())) { t.setTime(t.getTime() + MINUTE_MS); continue; }
        return t;
      }
      throw new ScheduleExpressionError(`${expression} never fires after ${after.toISOString()}`);
    },
  };
}

/** The ScheduledEvent EventBridge sends a rule's target. */
export function scheduledEvent(tenant: DeployedTenant, name: string, time: Date): ScheduledEvent {
  const region = tenant.auth.region;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:000000000000:rule/tinhso-${tenant.id}-${name}`],
    detail: {},
  };
}

export const catalogSchedules = (services = SERVICES): ScheduleDef[] => services.flatMap((s) => s.schedules ?? []);

export interface SchedulerOptions {
  tenants: DeployedTenant[];
  invoke: (tenant: string, target: string, event: unknown) => Promise<unknown>;
  schedules?: ScheduleDef[];
  /** false: no timers (SCHEDULES=off); runNow still works. */
  enabled?: boolean;
  log?: (line: string) => void;
}

export interface Scheduler {
  /** Runs a job for a tenant now (or as if at `time`) and returns what its handler returned. */
  runNow(tenant: string, name: string, time?: Date): Promise<unknown>;
  stop(): void;
}

/** The longest setTimeout delay; a later firing is re-armed on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startSchedules(options: SchedulerOptions): Scheduler {
  const schedules = options.schedules ?? catalogSchedules();
  const log = options.log ?? ((line: string) => console.error(line));
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  // Expressions are checked at start, whether the timers run or not: a bad one is a catalog error.
  const parsed = new Map(schedules.map((s) => [s.name, parseSchedule(s.schedule)]));

  async function fire(def: ScheduleDef, time: Date): Promise<void> {
    for (const tenant of options.tenants) {
      try {
        await options.invoke(tenant.id, def.name, scheduledEvent(tenant, def.name, time));
      } catch (err) {
        log(`schedules: ${tenant.id}/${def.name} at ${time.toISOString()} failed: ${(err as Error).message}`);
      }
    }
  }

  function arm(def: ScheduleDef, after: Date): void {
    if (stopped) return;
    const at = parsed.get(def.name)!.next(after);
    const wait = at.getTime() - Date.now();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (wait > MAX_TIMER_MS) return arm(def, after);
      void fire(def, at).finally(() => arm(def, at));
    }, Math.max(0, Math.min(wait, MAX_TIMER_MS)));
    timer.unref();
    timers.add(timer);
  }

  if (options.enabled ?? true) for (const def of schedules) arm(def, new Date());

  return {
    async runNow(tenantId, name, time = new Date()) {
      const tenant = options.tenants.find((t) => t.id === tenantId);
      if (!tenant) throw new Error(`No tenant ${tenantId}; known: ${options.tenants.map((t) => t.id).join(', ')}`);
      if (!parsed.has(name)) throw new Error(`No schedule named ${name}; known: ${[...parsed.keys()].join(', ') || '(none)'}`);
      return options.invoke(tenant.id, name, scheduledEvent(tenant, name, time));
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * `npx tsx local/schedules.ts <tenant> <name> [<ISO time>]`: runs one scheduled job now against the running suite
 * (DATA_DIR/suite.json), with the tenant's environment, in this process, and prints what the handler returned.
 */
async function runJobCommand(args: string[]): Promise<void> {
  const [tenantId, name, time] = args;
  const dataDir = resolve(process.env.DATA_DIR || join(import.meta.dirname, '..', '.data'));
  const suiteFile = join(dataDir, 'suite.json');
  if (!tenantId || !name) throw new Error('usage: npx tsx local/schedules.ts <tenant> <schedule name> [<ISO time>]');
  if (!existsSync(suiteFile)) throw new Error(`No running suite in ${dataDir} (no suite.json): start it with npm start (or set DATA_DIR)`);
  const suite = JSON.parse(readFileSync(suiteFile, 'utf8')) as { pid: number; endpoints: Endpoints; tenants: DeployedTenant[] };
  try {
    process.kill(suite.pid, 0);
  } catch {
    throw new Error(`The suite of ${dataDir} (process ${suite.pid}) is not running: start it with npm start`);
  }
  const def = catalogSchedules().find((s) => s.name === name);
  const tenant = suite.tenants.find((t) => t.id === tenantId);
  if (!tenant) throw new Error(`No tenant ${tenantId}; known: ${suite.tenants.map((t) => t.id).join(', ')}`);
  if (!def) throw new Error(`No schedule named ${name}; known: ${catalogSchedules().map((s) => s.name).join(', ') || '(none)'}`);
  const when = time ? new Date(time) : new Date();
  if (Number.isNaN(when.getTime())) throw new Error(`Not an ISO time: ${time}`);
  // The tenant's function environment first: handler modules read their configuration once, when loaded.
  const { functionEnvironment } = await import('./env');
  Object.assign(process.env, functionEnvironment(tenant, suite.endpoints, dataDir, suite.tenants));
  const module = await import(pathToFileURL(join(import.meta.dirname, '..', def.entry)).href) as { handler: (event: ScheduledEvent) => Promise<unknown> };
  const result = await module.handler(scheduledEvent(tenant, name, when));
  console.log(JSON.stringify(result ?? null, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runJobCommand(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`Tỉnh Số: ${(err as Error).message}`);
    process.exit(1);
  });
}
