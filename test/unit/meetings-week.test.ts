// The leaders' weekly work schedule (lịch công tác tuần): Monday to Sunday in Vietnam time, by session, and its
// printable page. Week of Monday 30/11/2026 to Sunday 6/12/2026.
import { renderWeekHtml, weekSchedule, type WeekItem } from '#functions/meetings/week';
import { weekOf } from '#functions/meetings/time';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

let n = 0;
const item = (start: string, end: string, title = `Cuộc họp ${++n}`): WeekItem => ({
  meetingId: `m-${title}`,
  occurrence: vn(start).toISOString(),
  title,
  start: vn(start),
  end: vn(end),
  chairPerson: 'Đ/c Nguyễn Văn An, Phó Chủ tịch UBND tỉnh',
  chairUnitName: 'UBND tỉnh Nghệ An',
  location: 'Phòng họp số 1, trụ sở UBND tỉnh',
  points: 3,
});

const titles = (items: WeekItem[]) => items.map((i) => i.title);

describe('weekSchedule', () => {
  it('a date in the middle of the week gives that Monday to Sunday, all seven days, named in Vietnamese', () => {
    // Prepare, Act
    const schedule = weekSchedule({ week: weekOf('2026-12-03'), items: [] });

    // Assess
    expect(schedule.from).toBe('2026-11-30');
    expect(schedule.to).toBe('2026-12-06');
    expect(schedule.days.map((d) => [d.date, d.weekday])).toEqual([
      ['2026-11-30', 'Thứ Hai'],
      ['2026-12-01', 'Thứ Ba'],
      ['2026-12-02', 'Thứ Tư'],
      ['2026-12-03', 'Thứ Năm'],
      ['2026-12-04', 'Thứ Sáu'],
      ['2026-12-05', 'Thứ Bảy'],
      ['2026-12-06', 'Chủ nhật'],
    ]);
    expect(schedule.days.every((d) => !d.morning.length && !d.afternoon.length && !d.evening.length)).toBe(true);
  });

  it('puts a Sunday-evening meeting on Sunday, also one that runs past midnight, and a Monday 06:00 one on Monday', () => {
    // Prepare: Sunday 20:00 and 23:30 (the latter still 16:30 UTC Sunday); Monday 07/12 06:00 is next week, though
    // in UTC it is Sunday 23:00; Monday 30/11 06:00 (Sunday 29/11 23:00 UTC) is this week's Monday.
    const items = [
      item('2026-12-06 23:30', '2026-12-07 01:00', 'Trực ban đêm'),
      item('2026-12-06 20:00', '2026-12-06 21:30', 'Họp khẩn phòng chống lũ'),
      item('2026-12-07 06:00', '2026-12-07 07:00', 'Tuần sau'),
      item('2026-11-30 06:00', '2026-11-30 07:00', 'Chào cờ'),
      item('2026-11-29 23:30', '2026-11-30 00:30', 'Tuần trước'),
    ];

    // Act
    const schedule = weekSchedule({ week: weekOf('2026-12-03'), items });

    // Assess
    const sunday = schedule.days[6]!;
    expect(sunday.weekday).toBe('Chủ nhật');
    expect(titles(sunday.evening)).toEqual(['Họp khẩn phòng chống lũ', 'Trực ban đêm']);
    expect(titles(schedule.days[0]!.morning)).toEqual(['Chào cờ']);
    expect(schedule.days.flatMap((d) => [...d.morning, ...d.afternoon, ...d.evening])).toHaveLength(3);
  });

  it('sorts by start and splits the day at 12:00 and 18:00 Vietnam time', () => {
    // Prepare
    const items = [
      item('2026-12-02 18:00', '2026-12-02 19:00', 'Tối 18:00'),
      item('2026-12-02 12:00', '2026-12-02 13:00', 'Chiều 12:00'),
      item('2026-12-02 11:59', '2026-12-02 12:30', 'Sáng 11:59'),
      item('2026-12-02 07:30', '2026-12-02 09:00', 'Sáng 07:30'),
      item('2026-12-02 17:59', '2026-12-02 18:30', 'Chiều 17:59'),
      item('2026-12-02 14:00', '2026-12-02 16:00', 'Chiều 14:00'),
    ];

    // Act
    const wednesday = weekSchedule({ week: weekOf('2026-12-02'), items }).days[2]!;

    // Assess
    expect(titles(wednesday.morning)).toEqual(['Sáng 07:30', 'Sáng 11:59']);
    expect(titles(wednesday.afternoon)).toEqual(['Chiều 12:00', 'Chiều 14:00', 'Chiều 17:59']);
    expect(titles(wednesday.evening)).toEqual(['Tối 18:00']);
  });
});

describe('renderWeekHtml', () => {
  const schedule = weekSchedule({
    week: weekOf('2026-12-02'),
    items: [
      { ...item('2026-12-01 08:00', '2026-12-01 11:30', 'Giao ban <script>alert("x")</script> & báo cáo'), location: 'Hội trường "A" <b>', chairUnitName: 'Sở <Nội vụ>' },
      item('2026-12-06 23:00', '2026-12-07 01:00', 'Trực ban đêm'),
    ],
  });

  it('is a complete printable page in Vietnamese: lang, UTF-8, A4 landscape, the six columns', () => {
    // Prepare, Act
    const html = renderWeekHtml({ schedule, tenantName: 'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN' });

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toMatch(/<meta charset="utf-8">/i);
    expect(html).toMatch(/@page\s*\{[^}]*size:\s*A4 landscape/);
    expect([...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['Thứ/ngày', 'Buổi', 'Thời gian', 'Nội dung', 'Chủ trì', 'Địa điểm']);
    expect(html).toContain('ỦY BAN NHÂN DÂN TỈNH NGHỆ AN');
    expect(html).toContain('LỊCH CÔNG TÁC TUẦN');
    expect(html).toContain('Từ ngày 30/11/2026 đến ngày 06/12/2026');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('writes every day with its date dd/MM/yyyy, times HH:mm and the session', () => {
    // Prepare, Act
    const html = renderWeekHtml({ schedule, tenantName: 'UBND tỉnh Nghệ An' });

    // Assess
    for (const day of ['Thứ Hai<br>30/11/2026', 'Thứ Ba<br>01/12/2026', 'Thứ Tư<br>02/12/2026', 'Thứ Bảy<br>05/12/2026', 'Chủ nhật<br>06/12/2026']) {
      expect(html).toContain(day);
    }
    expect(html).toContain('08:00 – 11:30');
    expect(html).toMatch(/<td rowspan="1">Sáng<\/td><td class="time">08:00 – 11:30<\/td>/);
    // Past midnight: the end shows its date.
    expect(html).toMatch(/<td rowspan="1">Tối<\/td><td class="time">23:00 – 01:00 07\/12\/2026<\/td><td>Trực ban đêm/);
  });

  it('escapes every value, so a <script> in a title prints as text', () => {
    // Prepare, Act
    const html = renderWeekHtml({ schedule, tenantName: 'UBND <tỉnh> & "Nghệ An"', title: 'LỊCH <i>TUẦN</i>' });

    // Assess
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).toContain('Giao ban &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; báo cáo');
    expect(html).toContain('Hội trường &quot;A&quot; &lt;b&gt;');
    expect(html).toContain('Sở &lt;Nội vụ&gt;');
    expect(html).toContain('UBND &lt;tỉnh&gt; &amp; &quot;Nghệ An&quot;');
    expect(html).toContain('LỊCH &lt;i&gt;TUẦN&lt;/i&gt;');
  });
});
