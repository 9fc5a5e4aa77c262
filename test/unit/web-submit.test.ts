// The web app's sending state (core/submit.ts) apart from any component: what a run leaves, and the guard that
// makes a double click send once.
import { ApiError } from '../../web/src/core/api';
import { failed, IDLE, Invalid, submitter, type SubmitState } from '../../web/src/core/submit';

/** A promise the test settles by hand, to look at the state while a request is under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const submitEvent = () => ({ target: {}, prevented: 0, preventDefault() { this.prevented += 1; } });

describe('a form sent through the submitter', () => {
  it('sends once when submitted twice while the first is under way, and prevents both submits', async () => {
    // Prepare
    const reply = deferred<string>();
    const sent: string[] = [];
    const states: SubmitState<[string], string>[] = [];
    const run = submitter(async (name: string) => { sent.push(name); return reply.promise; }, (s) => states.push(s));
    const first = submitEvent();
    const second = submitEvent();

    // Act
    const one = run(first as unknown as Event, 'a');
    const two = run(second as unknown as Event, 'a');
    const busyWith = states.at(-1)?.running;
    reply.resolve('saved');

    // Assess
    expect(await two).toBe(false);
    expect(await one).toBe(true);
    expect(sent).toEqual(['a']);
    expect(busyWith).toEqual(['a']);
    expect([first.prevented, second.prevented]).toEqual([1, 1]);
    expect(states.at(-1)).toEqual({ ...IDLE, done: true, result: 'saved' });
  });

  it('may be sent again once the first run failed, and starts clean', async () => {
    // Prepare
    let calls = 0;
    const states: SubmitState<[], number>[] = [];
    const run = submitter(async () => { calls += 1; if (calls === 1) throw new ApiError(0, 'NETWORK', { vi: 'mất mạng', en: 'offline' }); return calls; }, (s) => states.push(s));

    // Act
    const firstOk = await run();
    const failure = states.at(-1);
    const secondOk = await run();

    // Assess
    expect([firstOk, secondOk]).toEqual([false, true]);
    expect((failure?.error as ApiError).code).toBe('NETWORK');
    expect(failure?.running).toBeUndefined();
    expect(states.at(-2)).toEqual({ ...IDLE, running: [] });
    expect(states.at(-1)).toEqual({ ...IDLE, done: true, result: 2 });
  });
});

describe('what a failed run shows', () => {
  it("marks the fields named by the API's 400 and keeps the error for its alert", () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' }, [
      { path: 'body.name', message: 'Bắt buộc' }, { path: 'body.signer.position', message: 'Quá dài' },
    ]);
    const state = failed(err);
    expect(state.error).toBe(err);
    expect(state.errors).toEqual({ name: 'Bắt buộc', 'signer.position': 'Quá dài' });
    expect(state.done).toBe(false);
  });

  it('marks the fields of a problem found before sending, without an alert unless it has a text', () => {
    const quiet = failed(new Invalid({ date: 'Ngày không hợp lệ' }));
    expect(quiet.error).toBeUndefined();
    expect(quiet.errors).toEqual({ date: 'Ngày không hợp lệ' });

    const said = new Invalid({ 'applicant.phone': 'Sai số' }, { vi: 'Hãy sửa các ô được đánh dấu.', en: 'Fix the marked fields.' });
    expect(failed(said).error).toBe(said);
    expect(failed(said).errors).toEqual({ 'applicant.phone': 'Sai số' });
  });

  it("reads the fields with the page's own reader when it has one, but an Invalid's fields as they are", () => {
    const unknown = new ApiError(422, 'RECIPIENT_UNKNOWN', { vi: 'Không có người nhận', en: 'Unknown recipient' }, { recipients: ['x@hue.gov.vn'] });
    const reader = (err: unknown): Record<string, string> => (err instanceof ApiError && err.code === 'RECIPIENT_UNKNOWN' ? { to: 'x@hue.gov.vn' } : {});
    expect(failed(unknown, undefined, reader).errors).toEqual({ to: 'x@hue.gov.vn' });
    expect(failed(new Invalid({ cc: 'Sai địa chỉ' }), undefined, reader).errors).toEqual({ cc: 'Sai địa chỉ' });
  });

  it('marks no field for an error that is not a 400 with details', () => {
    expect(failed(new ApiError(409, 'VERSION_CONFLICT', { vi: 'Đã thay đổi', en: 'Changed' })).errors).toEqual({});
    expect(failed(new Error('boom')).errors).toEqual({});
  });
});
