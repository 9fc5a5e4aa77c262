// What a booking uses of the tenant's monthly meeting-hours quota (docs/plans.md): hours × connection points, each
// occurrence of a series in the month (Vietnam time) it starts in, counted in point-minutes so that any length is
// exact. A change books the difference: what the new version holds and the old did not is charged, what the old held
// and the new does not is given back, but only for occurrences not yet begun (a meeting that took place stays used).
import { vietnamMonth } from '#shared/quota';
import { occurrencesOf, type EffectiveOccurrence } from './occurrences';
import type { Meeting } from './schemas';

type Timing = Parameters<typeof occurrencesOf>[0];

const pointMinutes = (o: EffectiveOccurrence) => Math.ceil((o.end.getTime() - o.start.getTime()) / 60_000) * o.points.length;
const identity = (o: EffectiveOccurrence) => `${o.key}|${o.start.getTime()}|${o.end.getTime()}|${[...o.points].sort().join(',')}`;

/** Point-minutes to count per month (`YYYY-MM`, negative to give back), months with no change left out. */
export function meetingUsageDelta(before: Timing | undefined, after: Pick<Meeting, keyof Timing>, now: Date): Map<string, number> {
  const old = before ? occurrencesOf(before) : [];
  const next = occurrencesOf(after);
  const oldIds = new Set(old.map(identity));
  const nextIds = new Set(next.map(identity));
  const delta = new Map<string, number>();
  const add = (o: EffectiveOccurrence, sign: 1 | -1) => {
    const month = vietnamMonth(o.start);
    delta.set(month, (delta.get(month) ?? 0) + sign * pointMinutes(o));
  };
  for (const o of next) if (!oldIds.has(identity(o))) add(o, 1);
  for (const o of old) if (!nextIds.has(identity(o)) && o.start > now) add(o, -1);
  for (const [month, units] of delta) if (units === 0) delta.delete(month);
  return delta;
}
