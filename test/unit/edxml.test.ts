// edXML (QCVN 102:2016/BTTTT): envelopes round-trip, signatures catch any change, and the parser refuses bad input.
import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign as rsaSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { SignedXml } from 'xml-crypto';
import {
  EdxmlError, buildEdxml, buildStatusEdxml, kindOfEdxml, openSignedEdxml, openSignedStatusEdxml, parseEdxml, parseStatusEdxml,
  signEdxml, verifyEdxml, type EdxmlMessage, type EdxmlSigner, type EdxmlStatus,
} from '#functions/documents/edxml/index';
import { openSignedEdxmlOnce } from '#functions/documents/exchange/opened';

type Pair = { publicKey: KeyObject; privateKey: KeyObject };
const newPair = (modulusLength = 2048): Pair => generateKeyPairSync('rsa', { modulusLength });
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
const fingerprint = (key: KeyObject) => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');

let alice: Pair;
let mallory: Pair;
beforeAll(() => {
  alice = newPair();
  mallory = newPair();
});

/** An asynchronous signer, as a KMS key would be: it signs after a real turn of the event loop. */
function signerOf(pair: Pair, certificatePem?: string): EdxmlSigner & { calls: Buffer[] } {
  const calls: Buffer[] = [];
  return {
    calls,
    publicKeyPem: pem(pair.publicKey),
    ...(certificatePem ? { certificatePem } : {}),
    async sign(data: Buffer) {
      calls.push(data);
      await new Promise((resolve) => setTimeout(resolve, 2));
      return rsaSign('sha256', data, pair.privateKey);
    },
  };
}

function selfSignedCertificate(pair: Pair): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pem(pair.publicKey));
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const name = [{ name: 'commonName', value: 'UBND tinh Nghe An' }, { name: 'countryName', value: 'VN' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const pdf = randomBytes(48_000);
const docx = randomBytes(1_001);

function sampleMessage(): EdxmlMessage {
  return {
    from: {
      organId: '000.00.00.H41', organName: 'Ủy ban nhân dân tỉnh Nghệ An', organAdd: 'Số 3 đường Trường Thi, TP. Vinh, Nghệ An',
      email: 'ubnd@nghean.gov.vn', telephone: '0238 3844 511', website: 'https://nghean.gov.vn',
    },
    to: [{ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' }, { organId: '000.00.12.H41', organName: 'Sở Nội vụ tỉnh Nghệ An', email: 'snv@nghean.gov.vn' }],
    documentId: '000.00.00.H41,2026/03/05,05/QĐ-UBND',
    codeNumber: '05', codeNotation: 'QĐ-UBND',
    promulgation: { place: 'Nghệ An', date: '2026-03-05' },
    documentType: { type: '1', typeName: 'Quyết định' },
    subject: 'Về việc phê duyệt Đề án chuyển đổi số giai đoạn 2026–2030 & tầm nhìn đến 2035 <bản chính thức>',
    content: 'Điều 1. Phê duyệt Đề án.\nĐiều 2. Giao Sở Khoa học và Công nghệ chủ trì.\r\nĐiều 3. "Chánh Văn phòng" và \'Giám đốc các Sở\' chịu trách nhiệm thi hành.',
    signer: { competence: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', fullName: 'Nguyễn Đức Trung' },
    dueDate: '2026-04-30',
    toPlaces: ['Như Điều 3', 'Văn phòng Chính phủ (để b/c)', 'Lưu: VT, KGVX'],
    priority: 2, sphereOfPromulgation: 'Toàn tỉnh', typerNotation: 'TH', promulgationAmount: 10, pageAmount: 3,
    steeringType: 1,
    responseFor: { organId: '000.00.00.G22', code: '7816/VPCP-TTĐT', promulgationDate: '2015-09-30', documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT' },
    trace: [{ organId: '000.00.00.H41', timestamp: '2026-03-05T09:15:00+07:00' }, { organId: '000.00.00.G22', timestamp: '2026-03-05T02:16:30.250Z' }],
    business: {
      docType: 2, reason: 'Cập nhật Phụ lục I kèm theo', documentInfo: JSON.stringify({ changed: ['Phụ lục I'], note: 'bổ sung <nhiệm vụ> & chỉ tiêu' }),
      replacements: [{ documentId: '000.00.00.H41,2026/03/01,04/QĐ-UBND', organIds: ['000.00.00.G22', '000.00.12.H41'] }],
    },
    attachments: [
      { contentId: 'cid:1', name: 'Quyết định 05-QĐ-UBND (bản ký số).pdf', contentType: 'application/pdf', description: 'Bản chính có chữ ký số', data: pdf },
      { contentId: 'cid:2', name: 'Phụ lục I – Danh mục nhiệm vụ.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: docx },
    ],
  };
}

function sampleStatus(): EdxmlStatus {
  return {
    from: { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' },
    to: { organId: '000.00.00.H41', organName: 'Ủy ban nhân dân tỉnh Nghệ An' },
    responseFor: { organId: '000.00.00.H41', code: '05/QĐ-UBND', promulgationDate: '2026-03-05', documentId: '000.00.00.H41,2026/03/05,05/QĐ-UBND' },
    statusCode: '03',
    description: 'Đã phân công xử lý cho Vụ Tổng hợp & theo dõi',
    timestamp: '2026-03-05T10:20:00+07:00',
    staff: { department: 'Phòng Hành chính – Tổ chức', staff: 'Trần Thị Bình', mobile: '0912345678', email: 'binh.tt@chinhphu.gov.vn' },
  };
}

/** The message as parsing returns it: attachment bytes as plain Uint8Array. */
function asParsed(m: EdxmlMessage): EdxmlMessage {
  return { ...m, attachments: m.attachments.map((a) => ({ ...a, data: new Uint8Array(a.data) })) };
}

function expectEdxmlError(fn: () => unknown, code: string, inMessage?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EdxmlError);
  expect((caught as EdxmlError).code).toBe(code);
  if (inMessage) expect((caught as EdxmlError).message).toContain(inMessage);
}

const SIGNATURE = /<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*?<\/Signature>/;
const signatureOf = (xml: string) => SIGNATURE.exec(xml)![0];
const withoutSignature = (xml: string) => xml.replace(SIGNATURE, '');

/** Replaces the first occurrence of `find` and checks that it was there, so no tampering test passes by doing nothing. */
function change(xml: string, find: string | RegExp, replacement: string | ((match: string, ...groups: string[]) => string)): string {
  const changed = typeof replacement === 'string' ? xml.replace(find, replacement) : xml.replace(find, replacement);
  expect(changed).not.toBe(xml);
  return changed;
}

let signed: string;
beforeAll(async () => {
  signed = await signEdxml(buildEdxml(sampleMessage()), signerOf(alice));
});

describe('edXML message round trip', () => {
  it('build → sign (async signer) → verify → parse gives back every field and the exact attachment bytes', async () => {
    const message = sampleMessage();
    const xml = buildEdxml(message);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">')).toBe(true);
    expect(xml).not.toContain('<Signature');
    const signer = signerOf(alice);
    const signedXml = await signEdxml(xml, signer);
    expect(signer.calls).toHaveLength(1);

    const result = verifyEdxml(signedXml);
    expect(result).toEqual(expect.objectContaining({ valid: true, publicKeyPem: pem(alice.publicKey), fingerprint: fingerprint(alice.publicKey) }));

    const parsed = parseEdxml(signedXml);
    expect(parsed).toEqual(asParsed(message));
    expect(Buffer.from(parsed.attachments[0]!.data).equals(pdf)).toBe(true);
    expect(Buffer.from(parsed.attachments[1]!.data).equals(docx)).toBe(true);
    expect(kindOfEdxml(signedXml)).toBe('message');

    const opened = openSignedEdxml(signedXml);
    expect(opened.message).toEqual(asParsed(message));
    expect(opened.fingerprint).toBe(fingerprint(alice.publicKey));
  });

  it('puts one enveloped RSA-SHA256 signature over the whole envelope inside edXMLHeader, with the RSA key in KeyInfo', () => {
    const doc = signatureOf(signed);
    expect(doc).toContain('<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(doc).toContain('<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    expect(doc).toContain('<Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>');
    const jwk = alice.publicKey.export({ format: 'jwk' });
    expect(doc).toContain(`<Modulus>${Buffer.from(jwk.n!, 'base64url').toString('base64')}</Modulus><Exponent>AQAB</Exponent>`);
    expect(signed.indexOf('</edXML:TraceHeaderList><Signature')).toBeGreaterThan(0);
    expect(signed.indexOf('</Signature>')).toBeLessThan(signed.indexOf('</edXML:edXMLHeader>'));
  });

  it('escapes markup and quotes in text, so a value cannot add elements', () => {
    const message = { ...sampleMessage(), subject: '</edXML:Subject><edXML:Subject>Giả mạo', content: 'a & b < c > d " e \' f ]]> g' };
    const xml = buildEdxml(message);
    expect(xml.match(/<edXML:Subject>/g)).toHaveLength(1);
    expect(xml).toContain('&lt;/edXML:Subject&gt;&lt;edXML:Subject&gt;Giả mạo');
    expect(parseEdxml(xml)).toEqual(asParsed(message));
  });

  it('round-trips the smallest message: no optional fields, no attachments, no places', () => {
    const { from, to, documentId, codeNumber, codeNotation, promulgation, documentType, subject, signer } = sampleMessage();
    const minimal: EdxmlMessage = {
      from: { organId: from.organId, organName: from.organName }, to: [to[0]!], documentId, codeNumber, codeNotation, promulgation, documentType, subject,
      signer: { position: signer.position, fullName: signer.fullName }, toPlaces: [], priority: 0, trace: [], business: { docType: 0 }, attachments: [],
    };
    expect(parseEdxml(buildEdxml(minimal))).toEqual(minimal);
  });

  it('publishes the certificate in KeyInfo/X509Data when the signer has one, and verifies with it', async () => {
    const certificatePem = selfSignedCertificate(alice);
    const signedXml = await signEdxml(buildEdxml(sampleMessage()), signerOf(alice, certificatePem));
    const der = new X509Certificate(certificatePem).raw.toString('base64');
    expect(signatureOf(signedXml)).toContain(`<KeyInfo><X509Data><X509Certificate>${der}</X509Certificate></X509Data></KeyInfo>`);
    expect(signatureOf(signedXml)).not.toContain('<KeyValue>');
    const result = verifyEdxml(signedXml);
    expect(result).toEqual(expect.objectContaining({ valid: true, fingerprint: fingerprint(alice.publicKey) }));
    expect(result.valid && result.certificatePem?.replace(/\s/g, '')).toBe(certificatePem.replace(/\s/g, ''));
    expect(openSignedEdxml(signedXml).message).toEqual(asParsed(sampleMessage()));
  });
});

describe('edXML status envelope', () => {
  it('round-trips build → sign → verify → parse', async () => {
    const status = sampleStatus();
    const xml = buildStatusEdxml(status);
    expect(xml).toContain('<edXML:edXMLHeader>\n    <edXML:Status>');
    expect(kindOfEdxml(xml)).toBe('status');
    const signedXml = await signEdxml(xml, signerOf(mallory, selfSignedCertificate(mallory)));
    expect(verifyEdxml(signedXml)).toEqual(expect.objectContaining({ valid: true, fingerprint: fingerprint(mallory.publicKey) }));
    expect(parseStatusEdxml(signedXml)).toEqual(status);
    expect(openSignedStatusEdxml(signedXml).status).toEqual(status);
  });

  it('round-trips without the optional recipient and staff contacts', () => {
    const { to: _to, ...status } = { ...sampleStatus(), staff: { department: 'Văn thư', staff: 'Lê Văn C' } };
    expect(parseStatusEdxml(buildStatusEdxml(status))).toEqual(status);
  });

  it('refuses a status code outside the list, reading and writing', () => {
    expect(() => buildStatusEdxml({ ...sampleStatus(), statusCode: '07' as EdxmlStatus['statusCode'] })).toThrow(EdxmlError);
    const xml = change(buildStatusEdxml(sampleStatus()), '<edXML:StatusCode>03<', '<edXML:StatusCode>07<');
    expectEdxmlError(() => parseStatusEdxml(xml), 'INVALID_VALUE', 'edXMLEnvelope/edXMLHeader/Status/StatusCode');
  });

  it('is not a message, and a message is not a status', () => {
    expectEdxmlError(() => parseEdxml(buildStatusEdxml(sampleStatus())), 'MISSING_ELEMENT', 'edXMLHeader/MessageHeader');
    expectEdxmlError(() => parseStatusEdxml(signed), 'MISSING_ELEMENT', 'edXMLHeader/Status');
  });
});

describe('edXML signature verification', () => {
  it('refuses an envelope with no signature', () => {
    expect(verifyEdxml(buildEdxml(sampleMessage()))).toEqual({ valid: false, reason: expect.stringMatching(/^UNSIGNED/) });
    expectEdxmlError(() => openSignedEdxml(buildEdxml(sampleMessage())), 'UNSIGNED');
  });

  it.each<[string, (xml: string) => string]>([
    ['a letter of the subject', (x) => change(x, 'phê duyệt', 'phê duyẹt')],
    ['one Base64 character of an attachment', (x) => {
      const at = x.indexOf('<edXML:Value>') + '<edXML:Value>'.length + 1000;
      return x.slice(0, at) + (x[at] === 'A' ? 'B' : 'A') + x.slice(at + 1);
    }],
    ['the priority', (x) => change(x, '<edXML:Priority>2<', '<edXML:Priority>3<')],
    ['the recipient', (x) => change(x, '000.00.12.H41', '000.00.13.H41')],
    ['the attachment name in the manifest and the attachment', (x) => change(change(x, 'Phụ lục I –', 'Phụ lục II –'), 'Phụ lục I –', 'Phụ lục II –')],
    ['whitespace between elements', (x) => change(x, '</edXML:Subject>\n', '</edXML:Subject>\n ')],
    ['a character of the signature value', (x) => change(x, /<SignatureValue>./, '<SignatureValue>+')],
    ['a character of the digest value', (x) => change(x, /<DigestValue>./, '<DigestValue>+')],
    ['the RSA modulus in KeyInfo', (x) => change(x, /<Modulus>(.)/, (_m: string, c: string) => `<Modulus>${c === 'x' ? 'y' : 'x'}`)],
    ['the reference URI', (x) => change(x, '<Reference URI="">', '<Reference URI="#x">')],
    ['the digest algorithm', (x) => change(x, 'xmlenc#sha256', 'xmlenc#sha512')],
    ['the removal of the reference URI attribute', (x) => change(x, '<Reference URI="">', '<Reference>')],
    ['an element added to the body', (x) => change(x, '</edXML:edXMLBody>', '<edXML:Note>thêm</edXML:Note></edXML:edXMLBody>')],
  ])('fails when %s changes after signing', (_, tamper) => {
    expect(verifyEdxml(signed).valid).toBe(true);
    const result = verifyEdxml(tamper(signed));
    expect(result.valid).toBe(false);
  });

  it('fails when any single text value anywhere in the signed envelope changes by one character', () => {
    const texts = [...signed.matchAll(/>([^<]*[A-Za-z0-9][^<]*)</g)];
    expect(texts.length).toBeGreaterThan(60);
    for (const match of texts) {
      const at = match.index! + 1 + match[1]!.search(/[A-Za-z0-9]/);
      const tampered = signed.slice(0, at) + (signed[at] === 'A' ? 'B' : 'A') + signed.slice(at + 1);
      const result = verifyEdxml(tampered);
      if (result.valid) throw new Error(`still valid after changing ${JSON.stringify(match[1]!.slice(0, 60))}`);
    }
  });

  it('fails when KeyInfo names another key than the one that signed', () => {
    const jwk = mallory.publicKey.export({ format: 'jwk' });
    const swapped = change(signed, /<Modulus>[^<]+<\/Modulus>/, `<Modulus>${Buffer.from(jwk.n!, 'base64url').toString('base64')}</Modulus>`);
    expect(verifyEdxml(swapped)).toEqual({ valid: false, reason: expect.stringMatching(/^BAD_SIGNATURE/) });
  });

  it('refuses to sign with a signer whose private key is not its publicKeyPem', async () => {
    const confused: EdxmlSigner = { publicKeyPem: pem(alice.publicKey), sign: async (data) => rsaSign('sha256', data, mallory.privateKey) };
    await expect(signEdxml(buildEdxml(sampleMessage()), confused)).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
  });

  it('reports the key that signed, so a re-signed envelope is told apart by its fingerprint', async () => {
    const forged = await signEdxml(buildEdxml({ ...sampleMessage(), subject: 'Giả mạo' }), signerOf(mallory));
    const result = verifyEdxml(forged);
    expect(result.valid && result.fingerprint).toBe(fingerprint(mallory.publicKey));
    expect(result.valid && result.fingerprint).not.toBe(fingerprint(alice.publicKey));
  });

  it('fails when the Signature is moved out of edXMLHeader', () => {
    const sig = signatureOf(signed);
    const intoBody = withoutSignature(signed).replace('</edXML:edXMLBody>', `${sig}</edXML:edXMLBody>`);
    const intoRoot = withoutSignature(signed).replace('</edXML:edXMLEnvelope>', `${sig}</edXML:edXMLEnvelope>`);
    const intoMessageHeader = withoutSignature(signed).replace('</edXML:MessageHeader>', `${sig}</edXML:MessageHeader>`);
    for (const moved of [intoBody, intoRoot, intoMessageHeader]) {
      expect(moved).not.toBe(signed);
      expect(verifyEdxml(moved)).toEqual({ valid: false, reason: expect.stringContaining('edXMLHeader') });
    }
  });

  it('fails when the Signature is duplicated', () => {
    const sig = signatureOf(signed);
    const duplicated = change(signed, '</edXML:edXMLBody>', `${sig}</edXML:edXMLBody>`);
    expect(verifyEdxml(duplicated)).toEqual({ valid: false, reason: expect.stringContaining('2 Signature elements') });
    const twiceInHeader = change(signed, '</Signature>', `</Signature>${sig}`);
    expect(verifyEdxml(twiceInHeader).valid).toBe(false);
  });

  it('fails when signed content is wrapped in a forged envelope (signature-wrapping)', () => {
    const forged = buildEdxml({ ...sampleMessage(), subject: 'Giả mạo: chuyển kinh phí' });
    const inner = signed.replace(/^<\?xml[^>]*>\n/, '');
    // The whole signed envelope hidden in the forged body, its signature still inside it.
    const hidden = forged.replace('</edXML:edXMLBody>', `<edXML:Extra>${inner}</edXML:Extra></edXML:edXMLBody>`);
    // The signature lifted into the forged header, the signed envelope hidden in the body.
    const lifted = forged
      .replace('</edXML:TraceHeaderList>', `</edXML:TraceHeaderList>${signatureOf(signed)}`)
      .replace('</edXML:edXMLBody>', `<edXML:Extra>${withoutSignature(inner)}</edXML:Extra></edXML:edXMLBody>`);
    for (const wrapped of [hidden, lifted]) {
      expect(parseEdxml(wrapped).subject).toBe('Giả mạo: chuyển kinh phí');
      expect(verifyEdxml(wrapped).valid).toBe(false);
      expect(() => openSignedEdxml(wrapped)).toThrow(EdxmlError);
    }
  });

  it('fails for a valid signature that covers only part of the envelope', () => {
    const xml = buildEdxml(sampleMessage());
    const jwk = alice.publicKey.export({ format: 'jwk' });
    const keyValue = `<KeyValue><RSAKeyValue><Modulus>${Buffer.from(jwk.n!, 'base64url').toString('base64')}</Modulus><Exponent>AQAB</Exponent></RSAKeyValue></KeyValue>`;
    const partial = new SignedXml({
      privateKey: alice.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      getKeyInfoContent: () => keyValue,
    });
    partial.addReference({
      xpath: "//*[local-name()='edXMLManifest']",
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    partial.computeSignature(xml, { location: { reference: "/*/*[local-name()='edXMLHeader']", action: 'append' } });
    const partlySigned = partial.getSignedXml();
    // A real signature, by the right key: xml-crypto alone accepts it.
    const plain = new SignedXml({ publicCert: pem(alice.publicKey) });
    plain.loadSignature(signatureOf(partlySigned));
    expect(plain.checkSignature(partlySigned)).toBe(true);
    expect(verifyEdxml(partlySigned)).toEqual({ valid: false, reason: expect.stringContaining('Reference URI must be ""') });
  });
});

describe('edXML signers', () => {
  it('hand the async signer the canonical SignedInfo and embed what it returns', async () => {
    const signer = signerOf(alice);
    const signedXml = await signEdxml(buildStatusEdxml(sampleStatus()), signer);
    expect(signer.calls).toHaveLength(1);
    const signedInfo = signer.calls[0]!.toString('utf8');
    expect(signedInfo.startsWith('<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><CanonicalizationMethod')).toBe(true);
    expect(signedXml).toContain(`<SignatureValue>${rsaSign('sha256', signer.calls[0]!, alice.privateKey).toString('base64')}</SignatureValue>`);
  });

  it('pass the signer\'s failure on', async () => {
    const failing: EdxmlSigner = { publicKeyPem: pem(alice.publicKey), sign: async () => Promise.reject(new Error('KMS: AccessDeniedException')) };
    await expect(signEdxml(buildEdxml(sampleMessage()), failing)).rejects.toThrow('AccessDeniedException');
  });

  it('refuse a certificate for another key, a short key, an already signed or an invalid envelope', async () => {
    await expect(signEdxml(buildEdxml(sampleMessage()), signerOf(alice, selfSignedCertificate(mallory)))).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    await expect(signEdxml(buildEdxml(sampleMessage()), signerOf(newPair(1024)))).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    await expect(signEdxml(signed, signerOf(alice))).rejects.toMatchObject({ code: 'INVALID_VALUE', message: expect.stringContaining('already signed') });
    const invalid = change(buildEdxml(sampleMessage()), '<edXML:Priority>2<', '<edXML:Priority>9<');
    await expect(signEdxml(invalid, signerOf(alice))).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });
});

describe('edXML parsing refuses bad input', () => {
  const xml = () => buildEdxml(sampleMessage());

  it.each([
    ['an unclosed element', '<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader>'],
    ['mismatched tags', '<a><b></a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['an undeclared prefix', '<edXML:edXMLEnvelope><edXML:edXMLHeader/></edXML:edXMLEnvelope>'],
    ['text after the root', '<a/>trailing'],
    ['a control character', '<a>\u0001</a>'],
    ['not XML at all', 'Quyết định số 05'],
    ['nothing', ''],
  ])('%s: MALFORMED_XML', (_, text) => {
    expectEdxmlError(() => parseEdxml(text), 'MALFORMED_XML');
    expectEdxmlError(() => kindOfEdxml(text), 'MALFORMED_XML');
    expect(verifyEdxml(text)).toEqual({ valid: false, reason: expect.stringMatching(/^MALFORMED_XML/) });
  });

  it.each([
    ['entity expansion (billion laughs)', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'],
    ['an external entity', '<!DOCTYPE edXML:edXMLEnvelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
    ['a bare DOCTYPE', '<!DOCTYPE edXML:edXMLEnvelope>'],
  ])('a DOCTYPE with %s: MALFORMED_XML', (_, doctype) => {
    const text = xml().replace('<edXML:edXMLEnvelope', `${doctype}\n<edXML:edXMLEnvelope`);
    expectEdxmlError(() => parseEdxml(text), 'MALFORMED_XML', 'DOCTYPE');
    expect(verifyEdxml(signed.replace('<edXML:edXMLEnvelope', `${doctype}\n<edXML:edXMLEnvelope`))).toEqual({ valid: false, reason: expect.stringContaining('DOCTYPE') });
  });

  it('another root: NOT_EDXML', () => {
    expectEdxmlError(() => parseEdxml('<van-ban-qua-mang><so-ky-hieu>05/QĐ-UBND</so-ky-hieu></van-ban-qua-mang>'), 'NOT_EDXML');
    expectEdxmlError(() => parseEdxml(xml().replaceAll('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'urn:other')), 'NOT_EDXML');
  });

  it('a missing DocumentId: MISSING_ELEMENT with its path', () => {
    const text = change(xml(), /\s*<edXML:DocumentId>[^<]*<\/edXML:DocumentId>/, '');
    expectEdxmlError(() => parseEdxml(text), 'MISSING_ELEMENT', 'edXMLEnvelope/edXMLHeader/MessageHeader/DocumentId');
  });

  it.each(['7', '-1', 'cao', '1.5', ''])('Priority %j: INVALID_VALUE with its path', (priority) => {
    const text = change(xml(), '<edXML:Priority>2<', `<edXML:Priority>${priority}<`);
    expectEdxmlError(() => parseEdxml(text), 'INVALID_VALUE', 'edXMLEnvelope/edXMLHeader/MessageHeader/OtherInfo/Priority');
  });

  it.each<[string, string | RegExp, string, string, string]>([
    ['a DocumentId without its parts', '000.00.00.H41,2026/03/05,05/QĐ-UBND</edXML:DocumentId>', '05/QĐ-UBND</edXML:DocumentId>', 'INVALID_VALUE', 'MessageHeader/DocumentId'],
    ['a date that does not exist', '<edXML:PromulgationDate>2026-03-05', '<edXML:PromulgationDate>2026-02-30', 'INVALID_VALUE', 'PromulgationInfo/PromulgationDate'],
    ['a date in another format', '<edXML:DueDate>2026-04-30', '<edXML:DueDate>30/04/2026', 'INVALID_VALUE', 'MessageHeader/DueDate'],
    ['a timestamp without offset', '2026-03-05T09:15:00+07:00', '2026-03-05T09:15:00', 'INVALID_VALUE', 'TraceHeader[1]/Timestamp'],
    ['a BussinessDocType of 4', '<edXML:BussinessDocType>2<', '<edXML:BussinessDocType>4<', 'INVALID_VALUE', 'Bussiness/BussinessDocType'],
    ['a repeated Subject', /(<edXML:Subject>[^\n]*\n)/, '$1$1', 'INVALID_VALUE', 'MessageHeader/Subject'],
    ['an empty Subject', /<edXML:Subject>[^<]*</, '<edXML:Subject> <', 'INVALID_VALUE', 'MessageHeader/Subject'],
    ['an element where text is expected', /<edXML:Subject>[^<]*</, '<edXML:Subject><edXML:b>x</edXML:b><', 'INVALID_VALUE', 'MessageHeader/Subject'],
    ['no recipient', /\s*<edXML:To>[\s\S]*?<\/edXML:To>\s*<edXML:To>[\s\S]*?<\/edXML:To>/, '', 'MISSING_ELEMENT', 'MessageHeader/To'],
    ['attachment data that is not Base64', /<edXML:Value>(.{10})/, '<edXML:Value>$1*', 'INVALID_VALUE', 'Attachment[1]/Value'],
    ['attachment data cut short', /(<edXML:Value>[^<]*)(.)(<\/edXML:Value>)/, '$1$3', 'INVALID_VALUE', 'Value'],
    ['an attachment not in the manifest', /<edXML:ContentId>cid:2<\/edXML:ContentId>(\s*<edXML:AttachmentName>)/, '<edXML:ContentId>cid:3</edXML:ContentId>$1', 'INVALID_VALUE', 'ContentId'],
    ['another encoding than base64', '<edXML:ContentTransferEncoded>base64<', '<edXML:ContentTransferEncoded>quoted-printable<', 'INVALID_VALUE', 'ContentTransferEncoded'],
  ])('%s: %s', (_, find, replacement, code, path) => {
    expectEdxmlError(() => parseEdxml(change(xml(), find, replacement)), code, path);
  });

  it('a listed attachment that is missing: MISSING_ELEMENT', () => {
    const text = change(xml(), /\s*<edXML:Attachment>\s*<edXML:ContentId>cid:2[\s\S]*?<\/edXML:Attachment>/, '');
    expectEdxmlError(() => parseEdxml(text), 'MISSING_ELEMENT', 'cid:2');
  });

  it('building refuses what parsing would refuse, naming the field', () => {
    const m = sampleMessage();
    expectEdxmlError(() => buildEdxml({ ...m, priority: 5 as EdxmlMessage['priority'] }), 'INVALID_VALUE', 'OtherInfo/Priority');
    expectEdxmlError(() => buildEdxml({ ...m, documentId: '05/QĐ-UBND' }), 'INVALID_VALUE', 'MessageHeader/DocumentId');
    expectEdxmlError(() => buildEdxml({ ...m, promulgation: { place: 'Nghệ An', date: '05/03/2026' } }), 'INVALID_VALUE', 'PromulgationInfo/PromulgationDate');
    expectEdxmlError(() => buildEdxml({ ...m, subject: 'ký tự \u0007 lạ' }), 'INVALID_VALUE', 'MessageHeader/Subject');
    expectEdxmlError(() => buildEdxml({ ...m, codeNumber: ' 05' }), 'INVALID_VALUE', 'Code/CodeNumber');
    expectEdxmlError(() => buildEdxml({ ...m, pageAmount: 2.5 }), 'INVALID_VALUE', 'OtherInfo/PageAmount');
    expectEdxmlError(() => buildEdxml({ ...m, to: [] }), 'MISSING_ELEMENT', 'MessageHeader/To');
    expectEdxmlError(() => buildEdxml({ ...m, attachments: [m.attachments[0]!, { ...m.attachments[1]!, contentId: 'cid:1' }] }), 'INVALID_VALUE', 'cid:1');
    expectEdxmlError(() => buildEdxml({ ...m, attachments: [{ ...m.attachments[0]!, contentId: '1' }] }), 'INVALID_VALUE', 'ContentId');
  });
});

describe('opening the same envelope again (functions/documents/exchange/opened.ts)', () => {
  it('answers the same text from what it opened before, and any other text by verifying it', () => {
    // Prepare: the signed sample, and the same with one letter of the subject changed
    const tampered = change(signed, 'phê duyệt', 'phê duyẹt');
    // Act
    const first = openSignedEdxmlOnce(signed);
    const again = openSignedEdxmlOnce(signed);
    // Assess: the same answer object (not verified twice), the same as a fresh verification gives
    expect(again).toBe(first);
    expect(first.message).toEqual(openSignedEdxml(signed).message);
    expectEdxmlError(() => openSignedEdxmlOnce(tampered), 'BAD_SIGNATURE');
    expectEdxmlError(() => openSignedEdxmlOnce(tampered), 'BAD_SIGNATURE'); // a refusal is not kept as an answer
  });
});
