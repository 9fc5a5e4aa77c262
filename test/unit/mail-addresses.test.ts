// Addresses as officials type them into the compose form: several per field, with Vietnamese names, in any case;
// each comes out once and normalised, and what is not an address, or is an injection attempt, or is too many, is
// refused with its own code.
import { domainOf, isValidAddress, MAX_RECIPIENTS, normalizeAddress, parseAddressList } from '#functions/mail/addresses';

describe('valid addresses', () => {
  it.each([
    'canbo@nghean.gov.vn', 'nguyen.van.binh@so-tu-phap.nghean.gov.vn', "o'neil+mail@example.vn", 'a@xn--nghn-6qa.vn', 'X@Example.COM',
  ])('%s is one', (address) => {
    expect(isValidAddress(address)).toBe(true);
  });

  it.each([
    '', 'canbo', 'canbo@', '@nghean.gov.vn', 'a@@b.vn', 'a@localhost', 'a@nghean', 'a@192.168.1.1', '.a@b.vn', 'a.@b.vn', 'a..b@c.vn',
    'nguyễn@nghean.gov.vn', 'a@nghệan.vn', 'a b@c.vn', '"a b"@c.vn', 'a@-b.vn', 'a@b-.vn', 'a@b..vn', `${'x'.repeat(65)}@b.vn`,
    `a@${'b'.repeat(64)}.vn`, `a@${'b.'.repeat(126)}vn`, '<a@b.vn>', 'a@b.vn\r\n',
  ])('%j is not one', (address) => {
    expect(isValidAddress(address)).toBe(false);
  });

  it('domains are compared in lower case, local parts are left as written', () => {
    expect(normalizeAddress('  CanBo@NgheAn.GOV.vn ')).toBe('CanBo@nghean.gov.vn');
    expect(domainOf('CanBo@NgheAn.GOV.vn')).toBe('nghean.gov.vn');
    expect(() => domainOf('not an address')).toThrow(expect.objectContaining({ status: 400, code: 'ADDRESS_INVALID' }));
  });
});

describe('an address list from the compose form', () => {
  it('reads names, quoted names with commas and several addresses per entry, each address once', () => {
    // Prepare
    const input = [
      'Nguyễn Văn Bình <canbo@NGHEAN.gov.vn>, vanthu@hue.gov.vn',
      '"Lê, Văn C (Sở Tư pháp)" <c@nghean.gov.vn>; "Trần \\"Út\\"" <ut@nghean.gov.vn>',
      'CANBO@nghean.gov.vn', ' , ',
    ];
    // Act
    const list = parseAddressList(input, { field: 'to' });
    // Assess
    expect(list).toEqual([
      { address: 'canbo@nghean.gov.vn', name: 'Nguyễn Văn Bình' },
      { address: 'vanthu@hue.gov.vn' },
      { address: 'c@nghean.gov.vn', name: 'Lê, Văn C (Sở Tư pháp)' },
      { address: 'ut@nghean.gov.vn', name: 'Trần "Út"' },
    ]);
  });

  it('refuses an invalid address, naming the entry (400 ADDRESS_INVALID)', () => {
    expect(() => parseAddressList(['a@b.vn', 'x@y.vn, không hợp lệ'], { field: 'cc' }))
      .toThrow(expect.objectContaining({ status: 400, code: 'ADDRESS_INVALID', details: expect.objectContaining({ field: 'cc[1]' }) }));
    expect(() => parseAddressList(['Tên <a@b.vn'])).toThrow(expect.objectContaining({ code: 'ADDRESS_INVALID' }));
    expect(() => parseAddressList(['x <y> <a@b.vn>'])).toThrow(expect.objectContaining({ code: 'ADDRESS_INVALID' }));
    expect(() => parseAddressList([`${'Tên '.repeat(60)}<a@b.vn>`])).toThrow(expect.objectContaining({ code: 'ADDRESS_INVALID' }));
  });

  it.each([
    ['in an address', ['a@b.vn\r\nBcc: x@example.com']],
    ['in a name', ['"Bình\nBcc: x@example.com" <a@b.vn>']],
    ['as a lone LF between two addresses', ['a@b.vn\nc@d.vn']],
  ])('refuses a line break %s (400 HEADER_INJECTION)', (_, input) => {
    expect(() => parseAddressList(input, { field: 'to' })).toThrow(expect.objectContaining({ status: 400, code: 'HEADER_INJECTION' }));
  });

  it(`takes ${MAX_RECIPIENTS} distinct addresses and refuses one more (400 TOO_MANY_RECIPIENTS)`, () => {
    // Prepare
    const addresses = Array.from({ length: MAX_RECIPIENTS }, (_, i) => `cb${i}@nghean.gov.vn`);
    // Act / Assess
    expect(parseAddressList([...addresses, ...addresses.slice(0, 10).map((a) => a.toUpperCase())])).toHaveLength(MAX_RECIPIENTS);
    expect(() => parseAddressList([...addresses, 'one.more@nghean.gov.vn']))
      .toThrow(expect.objectContaining({ status: 400, code: 'TOO_MANY_RECIPIENTS', details: { count: MAX_RECIPIENTS + 1, max: MAX_RECIPIENTS } }));
    expect(() => parseAddressList(['a@b.vn, c@d.vn'], { max: 1 })).toThrow(expect.objectContaining({ code: 'TOO_MANY_RECIPIENTS' }));
  });
});
