// Enveloped XMLDSig over the whole edXML envelope: RSA-SHA256, SHA-256 digest, exclusive C14N, one Reference URI=""
// with the enveloped-signature transform, the signer's public key in KeyInfo, the Signature inside edXMLHeader.
import { X509Certificate, createHash, createPublicKey, type BinaryLike, type KeyLike, type KeyObject } from 'node:crypto';
import { SignedXml, type ErrorFirstCallback, type SignatureAlgorithm } from 'xml-crypto';
import {
  EDXML_NS, XMLDSIG_NS, EdxmlError, decodeBase64,
  type EdxmlMessage, type EdxmlSigner, type EdxmlStatus, type EdxmlVerification,
} from './model';
import { kindOfEdxml, parseEdxml, parseStatusEdxml, parseXmlStrict } from './parse';

const C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
// After the header's last element (TraceHeaderList or Status), so that it sits inside edXMLHeader before its closing indentation.
const SIGNATURE_PLACE = `/*/*[local-name()='edXMLHeader' and namespace-uri()='${EDXML_NS}']/*[last()]`;
const ELEMENT_NODE = 1;
const MIN_RSA_BITS = 2048;

function badSignature(message: string): never {
  throw new EdxmlError('BAD_SIGNATURE', message);
}

function checkRsa(key: KeyObject, fail: (message: string) => never): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') fail(`the key is ${key.asymmetricKeyType ?? key.type}, RSA is required for rsa-sha256`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) fail(`the RSA key has ${bits} bits, at least ${MIN_RSA_BITS} are required`);
  return key;
}

function fingerprintOf(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

const toBase64 = (base64url: string) => Buffer.from(base64url, 'base64url').toString('base64');

/** The KeyInfo content for a signer, after checking that its certificate (if any) is for its public key. */
function keyInfoFor(signer: EdxmlSigner): { content: string; key: KeyObject } {
  const invalid = (message: string): never => {
    throw new EdxmlError('INVALID_VALUE', `signer: ${message}`);
  };
  let key: KeyObject;
  try {
    key = createPublicKey(signer.publicKeyPem);
  } catch {
    return invalid('publicKeyPem is not a PEM public key');
  }
  checkRsa(key, invalid);
  if (signer.certificatePem === undefined) {
    const jwk = key.export({ format: 'jwk' });
    return {
      key,
      content: `<KeyValue><RSAKeyValue><Modulus>${toBase64(jwk.n!)}</Modulus><Exponent>${toBase64(jwk.e!)}</Exponent></RSAKeyValue></KeyValue>`,
    };
  }
  const blocks = signer.certificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? invalid('certificatePem holds no certificate');
  const certificates = blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch {
      return invalid('certificatePem holds a certificate that cannot be read');
    }
  });
  // A certificate for another key would make the envelope verify under a key its certificate does not name.
  if (!certificates[0]!.publicKey.equals(key)) invalid('the first certificate in certificatePem is not for publicKeyPem');
  const x509 = certificates.map((c) => `<X509Certificate>${c.raw.toString('base64')}</X509Certificate>`).join('');
  return { key, content: `<X509Data>${x509}</X509Data>` };
}

/**
 * Signs an unsigned envelope (message or status) and returns it with the Signature appended to edXMLHeader.
 * The signer is asynchronous (a KMS key, an HSM): xml-crypto's callback form hands it the canonical SignedInfo.
 */
export async function signEdxml(xml: string, signer: EdxmlSigner): Promise<string> {
  const doc = parseXmlStrict(xml);
  if (doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature').length > 0) throw new EdxmlError('INVALID_VALUE', 'the envelope is already signed');
  // What a recipient would refuse fails here, at the sender, before anything is signed.
  if (kindOfEdxml(xml) === 'message') parseEdxml(xml);
  else parseStatusEdxml(xml);
  const { content, key } = keyInfoFor(signer);

  const signed = await new Promise<string>((resolve, reject) => {
    class ExternalRsaSha256 implements SignatureAlgorithm {
      getSignature(signedInfo: BinaryLike, privateKey: KeyLike): string;
      getSignature(signedInfo: BinaryLike, privateKey: KeyLike, callback?: ErrorFirstCallback<string>): void;
      getSignature(signedInfo: BinaryLike, _privateKey: KeyLike, callback?: ErrorFirstCallback<string>): string | void {
        if (!callback) throw new Error('the edXML signer is asynchronous');
        const data = typeof signedInfo === 'string' ? Buffer.from(signedInfo, 'utf8') : Buffer.from(signedInfo as Uint8Array);
        signer.sign(data).then(
          (value) => {
            if (!(value instanceof Uint8Array) || value.length === 0) throw new EdxmlError('BAD_SIGNATURE', 'the signer returned no signature bytes');
            callback(null, Buffer.from(value).toString('base64'));
          },
        ).catch(reject);
      }

      verifySignature(): boolean {
        throw new Error('ExternalRsaSha256 only signs');
      }

      getAlgorithmName(): string {
        return RSA_SHA256;
      }
    }

    // The private key stays with the signer; xml-crypto only insists that one is configured.
    const sig = new SignedXml({ privateKey: 'held by the EdxmlSigner', canonicalizationAlgorithm: C14N, signatureAlgorithm: RSA_SHA256, getKeyInfoContent: () => content });
    sig.SignatureAlgorithms[RSA_SHA256] = ExternalRsaSha256;
    sig.addReference({ xpath: '/*', isEmptyUri: true, transforms: [ENVELOPED, C14N], digestAlgorithm: SHA256 });
    sig.computeSignature(xml.replace(/^\uFEFF/, ''), { location: { reference: SIGNATURE_PLACE, action: 'after' } }, (error) => {
      if (error) reject(error);
      else resolve(sig.getSignedXml());
    });
  });

  // A signer whose key is not publicKeyPem (a wrong KMS key id) would produce envelopes nobody can verify: say so now.
  const check = verifyEdxml(signed);
  if (!check.valid) badSignature(`the signature the signer made does not verify against publicKeyPem (${check.reason})`);
  if (check.fingerprint !== fingerprintOf(key)) badSignature('the envelope verifies under another key than publicKeyPem');
  return signed;
}

/** Element children of a Signature part, all of which must be XMLDSig elements named in `allowed`. */
function dsChildren(el: Element, allowed: string[]): Element[] {
  const children: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) {
      const child = n as Element;
      if (child.namespaceURI !== XMLDSIG_NS || !allowed.includes(child.localName)) badSignature(`unexpected element ${child.tagName} in ${el.localName}`);
      children.push(child);
    } else if (n.nodeType !== 8 && n.nodeValue?.trim()) {
      badSignature(`unexpected text in ${el.localName}`);
    }
  }
  return children;
}

function exactly(el: Element, names: string[]): Element[] {
  const children = dsChildren(el, names);
  if (children.map((c) => c.localName).join() !== names.join()) badSignature(`${el.localName} must hold ${names.join(', ')}, in that order`);
  return children;
}

function algorithm(el: Element, expected: string): void {
  const actual = el.getAttribute('Algorithm');
  if (actual !== expected) badSignature(`${el.localName} must be ${expected}, not ${actual}`);
  if (dsChildren(el, []).length > 0) badSignature(`${el.localName} must be empty`);
}

function base64Of(el: Element): Buffer {
  return decodeBase64(el.textContent ?? '') ?? badSignature(`${el.localName} is not valid base64`);
}

/** The signing key named by KeyInfo: the first certificate of X509Data and/or RSAKeyValue, which must agree. */
function keyFromKeyInfo(keyInfo: Element): { key: KeyObject; certificatePem?: string } {
  let fromCertificate: X509Certificate | undefined;
  let fromKeyValue: KeyObject | undefined;
  for (const child of dsChildren(keyInfo, ['X509Data', 'KeyValue', 'KeyName'])) {
    if (child.localName === 'X509Data' && !fromCertificate) {
      const first = dsChildren(child, ['X509Certificate', 'X509IssuerSerial', 'X509SubjectName', 'X509SKI']).find((c) => c.localName === 'X509Certificate');
      if (!first) badSignature('X509Data holds no X509Certificate');
      try {
        fromCertificate = new X509Certificate(base64Of(first));
      } catch (error) {
        if (error instanceof EdxmlError) throw error;
        badSignature('X509Certificate cannot be read');
      }
    } else if (child.localName === 'KeyValue' && !fromKeyValue) {
      const [rsa] = exactly(child, ['RSAKeyValue']);
      const [modulus, exponent] = exactly(rsa!, ['Modulus', 'Exponent']);
      // CryptoBinary has no leading zero octets, JWK neither; tolerate one from lax writers.
      const unpad = (b: Buffer) => b.subarray(b.findIndex((x) => x !== 0)).toString('base64url');
      try {
        fromKeyValue = createPublicKey({ key: { kty: 'RSA', n: unpad(base64Of(modulus!)), e: unpad(base64Of(exponent!)) }, format: 'jwk' });
      } catch (error) {
        if (error instanceof EdxmlError) throw error;
        badSignature('RSAKeyValue is not an RSA public key');
      }
    }
  }
  const key = fromCertificate?.publicKey ?? fromKeyValue ?? badSignature('KeyInfo holds neither X509Data nor KeyValue');
  if (fromCertificate && fromKeyValue && !fromCertificate.publicKey.equals(fromKeyValue)) badSignature('KeyInfo names two different keys');
  checkRsa(key, badSignature);
  return { key, certificatePem: fromCertificate?.toString() };
}

function verifyOrThrow(xml: string): Extract<EdxmlVerification, { valid: true }> {
  const source = xml.replace(/^\uFEFF/, '');
  const doc = parseXmlStrict(source);
  const root = doc.documentElement!;
  if (root.namespaceURI !== EDXML_NS || root.localName !== 'edXMLEnvelope') throw new EdxmlError('NOT_EDXML', 'the root element is not edXML:edXMLEnvelope');

  const signatures = Array.from(doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature'));
  if (signatures.length === 0) throw new EdxmlError('UNSIGNED', 'the envelope has no Signature');
  // One signature, in its place: anything else is how signature-wrapping attacks present a signed part as the whole.
  if (signatures.length > 1) badSignature(`the envelope has ${signatures.length} Signature elements, one is allowed`);
  const signature = signatures[0]!;
  const headers = Array.from(root.childNodes).filter((n) => n.nodeType === ELEMENT_NODE && (n as Element).namespaceURI === EDXML_NS && (n as Element).localName === 'edXMLHeader');
  if (headers.length !== 1 || signature.parentNode !== (headers[0] as Node | undefined)) badSignature('the Signature must be a child of the envelope\'s edXMLHeader');

  const [signedInfo, signatureValue, keyInfo] = exactly(signature, ['SignedInfo', 'SignatureValue', 'KeyInfo']);
  const [c14n, method, reference] = exactly(signedInfo!, ['CanonicalizationMethod', 'SignatureMethod', 'Reference']);
  algorithm(c14n!, C14N);
  algorithm(method!, RSA_SHA256);
  // URI="" is the whole document: a reference to a part of it would leave the rest unsigned.
  if (!reference!.hasAttribute('URI') || reference!.getAttribute('URI') !== '') badSignature(`the Reference URI must be "" (the whole envelope), not "${reference!.getAttribute('URI') ?? ''}"`);
  const [transforms, digestMethod] = exactly(reference!, ['Transforms', 'DigestMethod', 'DigestValue']);
  const [enveloped, c14nTransform] = exactly(transforms!, ['Transform', 'Transform']);
  algorithm(enveloped!, ENVELOPED);
  algorithm(c14nTransform!, C14N);
  algorithm(digestMethod!, SHA256);
  base64Of(signatureValue!);
  const { key, certificatePem } = keyFromKeyInfo(keyInfo!);
  const publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString();

  // KeyInfo is not trusted by xml-crypto itself: it is given the key read above, and nothing else.
  const verifier = new SignedXml({ publicCert: publicKeyPem, getCertFromKeyInfo: () => null });
  let signedXml: string | undefined;
  try {
    verifier.loadSignature(signature);
    if (verifier.checkSignature(source)) [signedXml] = verifier.getSignedReferences();
  } catch (error) {
    badSignature((error as Error).message.replace(/the signature value \S+ is incorrect/, 'the signature value does not match the key in KeyInfo'));
  }
  if (signedXml === undefined || verifier.getSignedReferences().length !== 1) badSignature('the digest of the envelope does not match: the content was changed after signing');
  return { valid: true, publicKeyPem, fingerprint: fingerprintOf(key), ...(certificatePem ? { certificatePem } : {}), signedXml };
}

/**
 * Checks the envelope's signature with the key in its KeyInfo. Does not decide whether that key is trusted: compare the
 * fingerprint (or the certificate) with the sender's. Never throws; read data only from `signedXml` (or openSignedEdxml).
 */
export function verifyEdxml(xml: string): EdxmlVerification {
  try {
    return verifyOrThrow(xml);
  } catch (error) {
    return { valid: false, reason: error instanceof EdxmlError ? `${error.code}: ${error.message}` : `BAD_SIGNATURE: ${(error as Error).message}` };
  }
}

/** Who signed an opened envelope: the key, its fingerprint, and the certificate when KeyInfo carried one. */
export type EdxmlSignedBy = { publicKeyPem: string; fingerprint: string; certificatePem?: string };

/** Verifies, then parses the message from the signed content only (never from the unsigned rest of the text). Throws EdxmlError. */
export function openSignedEdxml(xml: string): EdxmlSignedBy & { message: EdxmlMessage } {
  const { valid: _valid, signedXml, ...signedBy } = verifyOrThrow(xml);
  return { ...signedBy, message: parseEdxml(signedXml) };
}

/** As openSignedEdxml, for a status envelope. */
export function openSignedStatusEdxml(xml: string): EdxmlSignedBy & { status: EdxmlStatus } {
  const { valid: _valid, signedXml, ...signedBy } = verifyOrThrow(xml);
  return { ...signedBy, status: parseStatusEdxml(signedXml) };
}
