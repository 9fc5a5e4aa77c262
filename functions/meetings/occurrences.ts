// What a meeting item means in time: its occurrences after the series rule and each occurrence's exception
// (moved, cancelled, other points). Everything else (conflicts, calendars, reminders, invitations) starts here.
import { expandOccurrences, parseRecurrence, utcStamp } from './recurrence';
import type { Meeting } from './schemas';

export interface EffectiveOccurrence {
  /** The original start as `YYYYMMDDTHHMMSSZ`: stays the occurrence's name when it is moved (RECURRENCE-ID). */
  key: string;
  start: Date;
  end: Date;
  points: string[];
}

type Timing = Pick<Meeting, 'start' | 'end' | 'recurrence' | 'exceptions' | 'points' | 'status'>;

/** The occurrences the series rule makes, before exceptions. */
export function seriesOccurrences(m: Pick<Meeting, 'start' | 'end' | 'recurrence'>) {
  return expandOccurrences({ start: new Date(m.start), end: new Date(m.end), rule: m.recurrence ? parseRecurrence(m.recurrence) : undefined });
}

/** The occurrences that take place, in time order; none for a cancelled meeting. */
export function occurrencesOf(m: Timing): EffectiveOccurrence[] {
  if (m.status === 'cancelled') return [];
  return seriesOccurrences(m)
    .flatMap((o) => {
      const ex = m.exceptions[o.key];
      if (ex?.cancelled) return [];
      return [{ key: o.key, start: ex?.start ? new Date(ex.start) : o.start, end: ex?.end ? new Date(ex.end) : o.end, points: ex?.points ?? m.points }];
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

export const occurrenceKey = utcStamp;
