// The dossier state machine: which action each actor may take in each status, and where it leads.
import type { Role } from '#shared/http/route';
import type { StatusCode } from './status';

export const ACTIONS = [
  'accept', 'refuse', 'start', 'request-supplement', 'supplement', 'request-payment', 'confirm-payment',
  'forward', 'decide', 'return', 'withdraw', 'stop', 'extend',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who acts: a role of the suite, or the dossier's own applicant (a citizen acting on their dossier). */
export type Actor = Role | 'applicant';

interface Transition {
  from: readonly StatusCode[];
  /** 'same': the status does not change (a hand-over, an extension). */
  to: StatusCode | 'same';
  by: readonly Actor[];
}

export const TRANSITIONS: Record<Action, Transition> = {
  accept: { from: [1], to: 2, by: ['clerk', 'officer'] },
  refuse: { from: [1], to: 3, by: ['clerk', 'officer'] },
  start: { from: [2], to: 4, by: ['officer', 'clerk', 'leader'] },
  'request-supplement': { from: [2, 4], to: 5, by: ['officer', 'clerk'] },
  supplement: { from: [5], to: 4, by: ['applicant', 'clerk'] },
  'request-payment': { from: [4], to: 6, by: ['officer', 'clerk'] },
  'confirm-payment': { from: [6], to: 4, by: ['clerk', 'officer'] },
  forward: { from: [2, 4], to: 'same', by: ['officer', 'clerk', 'leader'] },
  decide: { from: [4], to: 9, by: ['leader', 'officer'] },
  return: { from: [9], to: 10, by: ['clerk', 'officer'] },
  withdraw: { from: [1, 2, 4, 5, 6], to: 7, by: ['applicant'] },
  stop: { from: [2, 4, 5, 6], to: 8, by: ['leader'] },
  extend: { from: [2, 4, 5, 6], to: 'same', by: ['leader', 'officer'] },
};

/** The actions these actors may take on a dossier in this status (for a UI, and for the 409's details). */
export function allowedActions(status: StatusCode, actors: readonly Actor[], options: { extended?: boolean } = {}): Action[] {
  return ACTIONS.filter((action) => {
    const t = TRANSITIONS[action];
    if (action === 'extend' && options.extended) return false; // one new date at most (form 04)
    return t.from.includes(status) && t.by.some((actor) => actors.includes(actor));
  });
}

/** The status after the action, or undefined when these actors may not take it now. */
export function nextStatus(status: StatusCode, action: Action, actors: readonly Actor[], options: { extended?: boolean } = {}): StatusCode | undefined {
  if (!allowedActions(status, actors, options).includes(action)) return undefined;
  const to = TRANSITIONS[action].to;
  return to === 'same' ? status : to;
}
