// The state of one form or action button while it sends: busy, the failure and its field errors, done and the
// result. Every form of the app had its own copy of these ten lines; a double click sent twice.
import { useMemo, useRef, useState } from 'preact/hooks';
import { fieldErrors } from './api';
import type { Text } from './i18n';

/**
 * Problems found before anything is sent (a required field left empty, a day that does not exist). Thrown by an
 * action, it marks the fields and sends nothing; with a text, an alert says it too.
 */
export class Invalid extends Error {
  constructor(readonly fields: Record<string, string>, readonly text?: Text) {
    super(`invalid: ${Object.keys(fields).join(', ')}`);
  }
}

export interface SubmitState<A extends unknown[], R> {
  /** The arguments of the run under way (which of a page's buttons shows busy), undefined when idle. */
  running: A | undefined;
  /** What the last run threw (an ApiError, a lost connection…), for ErrorAlert; an Invalid without text is none. */
  error: unknown;
  /** Field → message: the API's 400 details (fieldErrors, or the page's own reading), or an Invalid's fields. */
  errors: Record<string, string>;
  /** The last run succeeded (a "saved" notice); cleared when the next one starts. */
  done: boolean;
  /** What the last successful run returned. */
  result: R | undefined;
}

export const IDLE: SubmitState<never, never> = { running: undefined, error: undefined, errors: {}, done: false, result: undefined };

/** How a page reads the fields out of a failure; fieldErrors unless it knows better (an error naming recipients). */
export type FieldsOf = (err: unknown) => Record<string, string>;

/** The state once a run failed, or once the page says so itself (setError). */
export function failed<A extends unknown[], R>(err: unknown, running?: A, fieldsOf: FieldsOf = fieldErrors): SubmitState<A, R> {
  if (err instanceof Invalid) return { ...IDLE, running, error: err.text ? err : undefined, errors: err.fields };
  return { ...IDLE, running, error: err, errors: fieldsOf(err) };
}

const isEvent = (value: unknown): value is Event =>
  typeof value === 'object' && value !== null && typeof (value as Event).preventDefault === 'function' && 'target' in value;

/**
 * The run itself, apart from any component: prevents the event it may be given (a form's submit, a button's click)
 * and passes the rest of the arguments on; ignores a run while one is under way (the flag is its own, not the
 * rendered state, so two clicks in one frame still send once). Resolves true when the action succeeded.
 */
export function submitter<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  update: (state: SubmitState<A, R>) => void,
  fieldsOf?: FieldsOf,
): (...args: A | [Event, ...A]) => Promise<boolean> {
  let underWay = false;
  return async (...given) => {
    const first: unknown = given[0];
    const args = (isEvent(first) ? (first.preventDefault(), given.slice(1)) : given) as A;
    if (underWay) return false;
    underWay = true;
    update({ ...IDLE, running: args });
    try {
      const result = await action(...args);
      update({ ...IDLE, done: true, result });
      return true;
    } catch (err) {
      update(failed<A, R>(err, undefined, fieldsOf));
      return false;
    } finally {
      underWay = false;
    }
  };
}

export interface Submit<A extends unknown[], R> extends SubmitState<A, R> {
  busy: boolean;
  /** Give it to onSubmit or onClick as it is, or call it with the action's arguments. */
  run: (...args: A | [Event, ...A]) => Promise<boolean>;
  /** Shows an error (or an Invalid's fields) found outside a run; setError(undefined) clears the alert and fields. */
  setError: (err: unknown) => void;
}

/**
 * One form's or button's sending state around an async action. The action runs as of the latest render (it sees
 * what was typed); throw an Invalid from it for problems found before sending, or any error to show it. `fieldsOf`
 * reads a failure's field errors when fieldErrors is not enough (it too is the latest render's).
 */
export function useSubmit<A extends unknown[], R>(action: (...args: A) => Promise<R>, fieldsOf?: FieldsOf): Submit<A, R> {
  const [state, setState] = useState<SubmitState<A, R>>(IDLE);
  const latest = useRef({ action, fieldsOf });
  latest.current = { action, fieldsOf };
  const run = useMemo(() => submitter<A, R>((...args) => latest.current.action(...args), setState, (err) => (latest.current.fieldsOf ?? fieldErrors)(err)), []);
  const setError = useMemo(() => (err: unknown) => setState((s) => failed(err, s.running, latest.current.fieldsOf)), []);
  return { ...state, busy: state.running !== undefined, run, setError };
}
