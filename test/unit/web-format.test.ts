// What the web app shows for days, times and money, and how it searches Vietnamese: pure helpers, no browser.
import { fold, formatDate, formatDateTime, formatMoney, parseDay, showDay, vietnamDay, vietnamIso } from '../../web/src/core/format';

describe('days and times as a Vietnamese user reads them', () => {
  it('shows an instant as its day and time in Vietnam, whatever the machine\'s zone', () => {
    // 18:30 UTC on the 24th is 01:30 on the 25th in Hà Nội
    expect(formatDate('2026-11-24T18:30:00Z')).toBe('25/11/2026');
    expect(formatDateTime('2026-11-24T18:30:00Z')).toBe('01:30 25/11/2026');
    expect(vietnamDay('2026-11-24T16:59:59Z')).toBe('2026-11-24');
    expect(vietnamDay('2026-11-24T17:00:00Z')).toBe('2026-11-25');
  });

  it('reads a typed day in dd/MM/yyyy and refuses days that do not exist', () => {
    expect(parseDay('5/1/2027')).toBe('2027-01-05');
    expect(parseDay(' 29.02.2028 ')).toBe('2028-02-29');
    expect(parseDay('29/02/2027')).toBeUndefined();
    expect(parseDay('2027-01-05')).toBeUndefined();
    expect(parseDay('31/04/2027')).toBeUndefined();
    expect(showDay('2027-01-05')).toBe('05/01/2027');
  });

  it('sends a day and time typed in Vietnam with its +07:00 offset', () => {
    expect(vietnamIso('2026-12-01', '08:30')).toBe('2026-12-01T08:30:00+07:00');
    expect(new Date(vietnamIso('2026-12-01', '08:30')).toISOString()).toBe('2026-12-01T01:30:00.000Z');
  });

  it('groups đồng the Vietnamese way', () => {
    expect(formatMoney(1_250_000)).toBe('1.250.000 ₫');
  });
});

describe('searching without diacritics', () => {
  it('folds tones, marks and đ so "giay phep dang ky" finds "Giấy phép Đăng ký"', () => {
    expect(fold('Giấy phép Đăng ký')).toBe('giay phep dang ky');
    expect(fold('Cấp Phiếu lý lịch tư pháp')).toContain(fold('ly lich tu phap'));
  });
});
