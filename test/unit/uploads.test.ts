// The pure parts of uploads: magic numbers against declared types, file names, the request's limits, and the
// upload route's domain logic on in-memory ports.
import type { Caller } from '#shared/auth';
import {
  ACCEPTED_CONTENT_TYPES, contentMatchesType, MAX_UPLOAD_BYTES, sniffFormat, UPLOAD_CONTENT_TYPES, uploadsTable, type StoredUpload,
} from '#shared/uploads';
import { CreateUpload, fileNameProblem, FileName } from '#functions/uploads/schemas';
import { createUpload, getUpload, type UploadsDeps } from '#functions/uploads/service';

const bytes = (...values: (number | string)[]) =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

const SAMPLES = {
  pdf: bytes('%PDF-1.7\n%âãÏÓ\n'),
  png: bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0, 0, 13, 'IHDR'),
  jpeg: bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 'JFIF'),
  zip: bytes('PK', 3, 4, 20, 0, 0, 0, 8, 0),
  ole: bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0),
  text: Buffer.from('Kính gửi: Ủy ban nhân dân xã Nghi Lộc\r\n', 'utf8'),
};

describe('magic numbers', () => {
  it.each(Object.entries(SAMPLES).filter(([f]) => f !== 'text'))('recognises %s', (format, head) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it('recognises nothing in plain text, an empty file or a truncated signature', () => {
    expect(sniffFormat(SAMPLES.text)).toBeUndefined();
    expect(sniffFormat(new Uint8Array())).toBeUndefined();
    expect(sniffFormat(bytes(0x89, 'PN'))).toBeUndefined();
    expect(sniffFormat(bytes('%PDF'))).toBeUndefined();
  });

  it.each(Object.entries(UPLOAD_CONTENT_TYPES))('%s accepts %s bytes and no other format', (contentType, format) => {
    for (const [sample, head] of Object.entries(SAMPLES)) {
      expect({ sample, matches: contentMatchesType(contentType, head) }).toEqual({ sample, matches: sample === format });
    }
  });

  it('takes a PNG declared as PDF for what it is', () => {
    expect(contentMatchesType('application/pdf', SAMPLES.png)).toBe(false);
  });

  it('lets plain text be UTF-16 with a byte order mark, but not binary data with NUL bytes', () => {
    expect(contentMatchesType('text/plain', Buffer.concat([bytes(0xff, 0xfe), Buffer.from('Xin chào', 'utf16le')]))).toBe(true);
    expect(contentMatchesType('text/plain', bytes('MZ', 0x90, 0, 3, 0))).toBe(false);
    expect(contentMatchesType('text/plain', bytes('abc'))).toBe(true);
  });

  it('accepts nothing for a type that is not on the list', () => {
    expect(contentMatchesType('application/x-msdownload', bytes('MZ'))).toBe(false);
    expect(contentMatchesType('toString', SAMPLES.text)).toBe(false);
  });

  it('lists the nine accepted types, 20 MB at most, in a table keyed by tenant whose stream meters storage', () => {
    expect(ACCEPTED_CONTENT_TYPES).toHaveLength(9);
    expect(MAX_UPLOAD_BYTES).toBe(20 * 1024 * 1024);
    expect(uploadsTable).toEqual({ name: 'uploads', envVar: 'UPLOADS_TABLE', partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'expiresAt', stream: true });
  });
});

describe('file names', () => {
  it.each([
    'don-xin-cap-phep.pdf', 'Đơn xin cấp phép xây dựng (bản 2).docx', 'ảnh CCCD mặt trước.JPG', '.hidden', 'a', 'x'.repeat(255),
  ])('accepts %j', (name) => {
    expect(fileNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['../../x', 'fileNameSeparator'],
    ['..\\..\\windows\\system32', 'fileNameSeparator'],
    ['/etc/passwd', 'fileNameSeparator'],
    ['a\u0000.pdf', 'fileNameControl'],
    ['line\nbreak.txt', 'fileNameControl'],
    ['tab\there.txt', 'fileNameControl'],
    ['del\u007f.txt', 'fileNameControl'],
    ['c1\u0085.txt', 'fileNameControl'],
    ['sep\u2028.txt', 'fileNameControl'],
    ['lone\ud800.txt', 'fileNameControl'],
    ['hoa-don\u202efdp.exe', 'fileNameBidi'],
    ['x\u2066y.pdf', 'fileNameBidi'],
    ['..', 'fileNameDots'],
    ['.', 'fileNameDots'],
    ['', 'fileNameLength'],
    ['x'.repeat(256), 'fileNameLength'],
  ])('refuses %j (%s)', (name, problem) => {
    expect(fileNameProblem(name)).toBe(problem);
  });

  it('is trimmed and put in NFC: a name typed on macOS equals the same name typed on Windows', () => {
    const decomposed = ` ${'Hồ sơ.pdf'.normalize('NFD')} `;
    expect(decomposed.length).toBeGreaterThan(' Hồ sơ.pdf '.length);
    expect(FileName.parse(decomposed)).toBe('Hồ sơ.pdf'.normalize('NFC'));
  });

  it('refuses a name of spaces only, with a Vietnamese then English message', () => {
    const result = FileName.safeParse('   ');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('tên tệp phải dài từ 1 đến 255 ký tự (the file name must be 1 to 255 characters)');
  });
});

describe('an upload request', () => {
  const valid = { fileName: 'to-khai.pdf', contentType: 'application/pdf', size: 1234 };
  const pathsOf = (body: unknown) => {
    const result = CreateUpload.safeParse(body);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('accepts a name, an accepted type and a size of 1 byte to 20 MB', () => {
    expect(pathsOf(valid)).toEqual([]);
    expect(pathsOf({ ...valid, size: 1 })).toEqual([]);
    expect(pathsOf({ ...valid, size: MAX_UPLOAD_BYTES })).toEqual([]);
  });

  it.each([
    ['size 0', { size: 0 }, 'size'],
    ['over 20 MB', { size: MAX_UPLOAD_BYTES + 1 }, 'size'],
    ['a fractional size', { size: 1.5 }, 'size'],
    ['a size as a string', { size: '1234' }, 'size'],
    ['an executable', { contentType: 'application/x-msdownload' }, 'contentType'],
    ['HTML', { contentType: 'text/html' }, 'contentType'],
    ['a type with parameters', { contentType: 'text/plain; charset=utf-8' }, 'contentType'],
    ['a hostile name', { fileName: '../../x' }, 'fileName'],
    ['an unknown field', { key: 'hue/uploads/x' }, ''],
  ])('refuses %s', (_, change, path) => {
    expect(pathsOf({ ...valid, ...change })).toEqual([path]);
  });
});

describe('the upload route\'s logic', () => {
  const citizen: Caller = { id: 'citizen-1', email: 'congdan@example.vn', tenant: 'nghean', roles: ['citizen'] };
  const NOW = new Date('2026-11-24T03:00:00Z');

  function deps(overrides: Partial<UploadsDeps> = {}) {
    const items = new Map<string, StoredUpload>();
    const presigned: { key: string; contentType: string; size: number; expiresInSeconds: number }[] = [];
    const d: UploadsDeps = {
      store: {
        insert: async (tenant, upload) => (items.has(`${tenant}/${upload.uploadId}`) ? false : (items.set(`${tenant}/${upload.uploadId}`, upload), true)),
        get: async (tenant, id) => items.get(`${tenant}/${id}`),
      },
      presigner: { presignPost: async (request) => (presigned.push(request), { url: 'https://s3.example/bucket', fields: { key: request.key } }) },
      clock: () => NOW,
      newId: () => '6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b',
      ...overrides,
    };
    return { d, items, presigned };
  }

  it('records a pending upload under a key that begins with the tenant and hides the file name, expiring in 24 h', async () => {
    // Prepare
    const { d, items, presigned } = deps();
    // Act
    const created = await createUpload(d, 'nghean', citizen, { fileName: '../ảnh.png', contentType: 'image/png', size: 10 });
    // Assess
    expect(created).toEqual({
      uploadId: '6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b', url: 'https://s3.example/bucket', fields: { key: 'nghean/uploads/6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b' },
      expiresAt: '2026-11-24T10:15:00+07:00', maxBytes: 10,
    });
    expect(presigned).toEqual([{ key: 'nghean/uploads/6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b', contentType: 'image/png', size: 10, expiresInSeconds: 900 }]);
    expect(items.get('nghean/6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b')).toEqual({
      uploadId: '6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b', owner: 'citizen-1', status: 'pending', fileName: '../ảnh.png', contentType: 'image/png', size: 10,
      key: 'nghean/uploads/6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b', createdAt: '2026-11-24T10:00:00+07:00', expiresAt: NOW.getTime() / 1000 + 24 * 3600,
    });
  });

  it('hands out no URL when the record cannot be written', async () => {
    const { d, presigned } = deps();
    await createUpload(d, 'nghean', citizen, { fileName: 'a.txt', contentType: 'text/plain', size: 1 });
    await expect(createUpload(d, 'nghean', citizen, { fileName: 'b.txt', contentType: 'text/plain', size: 1 })).rejects.toThrow(/taken/);
    expect(presigned).toHaveLength(1);
  });

  it('shows an upload to its owner only, and not once it has expired', async () => {
    // Prepare
    const { d } = deps();
    const { uploadId } = await createUpload(d, 'nghean', citizen, { fileName: 'a.txt', contentType: 'text/plain', size: 1 });
    // Act / Assess
    expect(await getUpload(d, 'nghean', citizen, uploadId)).toEqual({
      uploadId, status: 'pending', fileName: 'a.txt', contentType: 'text/plain', size: 1, createdAt: '2026-11-24T10:00:00+07:00',
    });
    const notFound = expect.objectContaining({ status: 404, code: 'UPLOAD_NOT_FOUND' });
    await expect(getUpload(d, 'nghean', { ...citizen, id: 'citizen-2' }, uploadId)).rejects.toEqual(notFound);
    await expect(getUpload(d, 'hue', { ...citizen, tenant: 'hue' }, uploadId)).rejects.toEqual(notFound);
    await expect(getUpload({ ...d, clock: () => new Date(NOW.getTime() + 24 * 3600_000) }, 'nghean', citizen, uploadId)).rejects.toEqual(notFound);
  });
});
