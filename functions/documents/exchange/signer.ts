// The tenant's exchange key, which signs its edXML envelopes: an asymmetric KMS key in AWS (EXCHANGE_KEY_ID; the
// private key never leaves KMS), a PEM file locally (EXCHANGE_KEY_FILE, made by the local provisioning).
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EXCHANGE_KEY_FILE_ENV, EXCHANGE_KEY_ID_ENV } from '#shared/exchange';
import type { EdxmlSigner } from '../edxml/index';

let cached: Promise<EdxmlSigner> | undefined;

async function kmsSigner(keyId: string): Promise<EdxmlSigner> {
  // Loaded only where a KMS key is configured, so the local runtime and other paths skip the client.
  const { KMSClient, GetPublicKeyCommand, SignCommand } = await import('@aws-sdk/client-kms');
  const kms = new KMSClient({});
  const out = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  const publicKeyPem = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
  return {
    publicKeyPem,
    async sign(data) {
      // RAW messages up to 4 KB: a canonical SignedInfo is well under that.
      const signed = await kms.send(new SignCommand({ KeyId: keyId, Message: data, MessageType: 'RAW', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
      return Buffer.from(signed.Signature!);
    },
  };
}

function pemSigner(file: string): EdxmlSigner {
  const key = createPrivateKey(readFileSync(file));
  return {
    publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    sign: async (data) => sign('sha256', data, key),
  };
}

export function exchangeSigner(): Promise<EdxmlSigner> {
  cached ??= (async () => {
    const keyId = process.env[EXCHANGE_KEY_ID_ENV];
    if (keyId) return kmsSigner(keyId);
    const file = process.env[EXCHANGE_KEY_FILE_ENV];
    if (file) return pemSigner(file);
    throw new Error(`${EXCHANGE_KEY_ID_ENV} or ${EXCHANGE_KEY_FILE_ENV} must be set to sign edXML`);
  })();
  return cached;
}
