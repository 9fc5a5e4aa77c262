// The dossier state machine, codes and form rules: pure, no I/O.
import { allowedActions, nextStatus, TRANSITIONS, ACTIONS } from '#functions/dossiers/workflow';
import { dossierCode, vietnamDay, DOSSIER_CODE_PATTERN } from '#functions/dossiers/code';
import { formSchema, normalizePhone, VietnamPhone, CccdNumber } from '#functions/dossiers/form';
import { STATUS_LABELS, type StatusCode } from '#functions/dossiers/status';

describe('the dossier state machine', () => {
  it.each([
    [1, 'accept', ['clerk'], 2],
    [1, 'refuse', ['officer'], 3],
    [2, 'start', ['officer'], 4],
    [4, 'request-supplement', ['officer'], 5],
    [5, 'supplement', ['applicant'], 4],
    [4, 'request-payment', ['clerk'], 6],
    [6, 'confirm-payment', ['clerk'], 4],
    [4, 'forward', ['leader'], 4],
    [4, 'decide', ['leader'], 9],
    [9, 'return', ['clerk'], 10],
    [5, 'withdraw', ['applicant'], 7],
    [6, 'stop', ['leader'], 8],
    [4, 'extend', ['officer'], 4],
  ] as const)('status %i: %s by %j leads to %i', (from, action, actors, to) => {
    expect(nextStatus(from, action, actors)).toBe(to);
  });

  it.each([
    [1, 'decide', ['leader'], 'nothing is decided before it is accepted'],
    [10, 'accept', ['clerk'], 'a returned dossier is closed'],
    [4, 'withdraw', ['clerk'], 'only the applicant withdraws'],
    [5, 'supplement', ['officer'], 'an officer does not supplement for the applicant'],
    [4, 'decide', ['citizen'], 'a citizen decides nothing'],
    [4, 'stop', ['officer'], 'stopping is a leader\'s decision'],
    [3, 'start', ['officer'], 'a refused dossier is closed'],
  ] as const)('status %i: %s by %j is refused (%s)', (from, action, actors, _why) => {
    expect(nextStatus(from, action, actors)).toBeUndefined();
  });

  it('allows one extension at most (form 04: one new date)', () => {
    expect(allowedActions(4, ['officer'])).toContain('extend');
    expect(allowedActions(4, ['officer'], { extended: true })).not.toContain('extend');
    expect(nextStatus(4, 'extend', ['officer'], { extended: true })).toBeUndefined();
  });

  it('leaves closed statuses with no action for anyone', () => {
    for (const status of [3, 7, 8, 10] as StatusCode[]) {
      expect(allowedActions(status, ['clerk', 'officer', 'leader', 'tenant-admin', 'applicant'])).toEqual([]);
    }
  });

  it('only leads to statuses of the national list, from statuses of the national list', () => {
    for (const action of ACTIONS) {
      const t = TRANSITIONS[action];
      for (const s of t.from) expect(STATUS_LABELS[s]).toBeDefined();
      if (t.to !== 'same') expect(STATUS_LABELS[t.to]).toBeDefined();
    }
  });
});

describe('dossier codes', () => {
  it('use the receiving unit, the Vietnamese date and a 4-digit counter', () => {
    // 2025-08-14T18:30Z is 15 August 01:30 in Vietnam
    const day = vietnamDay(new Date('2025-08-14T18:30:00Z'));
    expect(day).toBe('250815');
    expect(dossierCode('000.00.00.H41', day, 1)).toBe('000.00.00.H41-250815-0001');
    expect(DOSSIER_CODE_PATTERN.test(dossierCode('000.00.00.H41', day, 12345))).toBe(true);
  });
});

describe('applicant data', () => {
  it.each(['0912345678', '+84912345678', '091 234 5678', '0243 826 1234'.replace(/ /g, ''), '02438261234'])('accepts the Vietnamese number %s', (phone) => {
    expect(VietnamPhone.safeParse(phone).success).toBe(true);
  });
  it.each(['12345', '0112345678', '+1 415 555 0100', '09123456789'])('refuses %s', (phone) => {
    expect(VietnamPhone.safeParse(phone).success).toBe(false);
  });
  it('normalises +84 to 0 so the public lookup matches either way', () => {
    expect(normalizePhone('+84 912 345 678')).toBe(normalizePhone('0912345678'));
  });
  it('wants 12 digits for a CCCD number', () => {
    expect(CccdNumber.safeParse('040095001234').success).toBe(true);
    expect(CccdNumber.safeParse('04009500123').success).toBe(false);
    expect(CccdNumber.safeParse('04009500123a').success).toBe(false);
  });
});

describe('the procedure form', () => {
  const schema = formSchema([
    { id: 'childName', label: 'Họ tên trẻ', type: 'text', required: true, maxLength: 100 },
    { id: 'birthDate', label: 'Ngày sinh', type: 'date', required: true },
    { id: 'gender', label: 'Giới tính', type: 'select', required: true, options: ['Nam', 'Nữ'] },
    { id: 'weightKg', label: 'Cân nặng', type: 'number', required: false, min: 0.2, max: 10 },
    { id: 'fatherId', label: 'CCCD của cha', type: 'cccd', required: false },
  ]);

  it('accepts a complete, well-typed form', () => {
    expect(schema.safeParse({ childName: 'Nguyễn Văn An', birthDate: '2026-11-20', gender: 'Nam', weightKg: 3.2 }).success).toBe(true);
  });

  it.each([
    ['a missing required field', { birthDate: '2026-11-20', gender: 'Nam' }, 'childName'],
    ['a date that does not exist', { childName: 'An', birthDate: '2026-02-30', gender: 'Nam' }, 'birthDate'],
    ['an option not offered', { childName: 'An', birthDate: '2026-11-20', gender: 'Khác' }, 'gender'],
    ['a number out of range', { childName: 'An', birthDate: '2026-11-20', gender: 'Nam', weightKg: 40 }, 'weightKg'],
    ['a malformed CCCD', { childName: 'An', birthDate: '2026-11-20', gender: 'Nam', fatherId: '123' }, 'fatherId'],
    ['a field the procedure does not have', { childName: 'An', birthDate: '2026-11-20', gender: 'Nam', religion: 'x' }, ''],
  ])('refuses %s, naming it', (_, form, path) => {
    const result = schema.safeParse(form);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
