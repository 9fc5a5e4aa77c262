// What the receiving function makes of an SESEvent (as an SES receipt rule's Lambda action sends it), without I/O:
// where SES stored the message, whose recipients it is, the verdicts kept with it. The whole path, SES event to INBOX,
// runs against the local suite in test/integration/mail-smtp.test.ts.
import type { SESEvent, SESEventRecord, SESReceiptStatus } from 'aws-lambda';
import { isSesEvent, sesDeliveries } from '#functions/mail/inbound';
import { CheckRequest, DeliverRequest, incomingPrefix, LocalRequest } from '#functions/mail/incoming';

const status = (s: SESReceiptStatus['status']): SESReceiptStatus => ({ status: s });

function record(recipients: string[], verdicts: Partial<Record<'spf' | 'dkim' | 'dmarc' | 'virus', SESReceiptStatus['status']>> = {}): SESEventRecord {
  return {
    eventSource: 'aws:ses',
    eventVersion: '1.0',
    ses: {
      mail: {
        timestamp: '2026-05-04T02:00:00.000Z', source: 'Sender@Example.org', messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g01',
        destination: recipients, headersTruncated: false, headers: [],
        commonHeaders: { returnPath: 'sender@example.org', from: ['sender@example.org'], date: 'Mon, 4 May 2026 09:00:00 +0700', to: recipients, messageId: '<a@example.org>', subject: 'Công văn' },
      },
      receipt: {
        timestamp: '2026-05-04T02:00:00.000Z', processingTimeMillis: 300, recipients,
        spamVerdict: status('PASS'), virusVerdict: status(verdicts.virus ?? 'PASS'),
        spfVerdict: status(verdicts.spf ?? 'PASS'), dkimVerdict: status(verdicts.dkim ?? 'PASS'), dmarcVerdict: status(verdicts.dmarc ?? 'PASS'),
        dmarcPolicy: 'none',
        action: { type: 'Lambda', functionArn: 'arn:aws:lambda:ap-southeast-1:111122223333:function:tinhso-nghean-mail-inbound', invocationType: 'Event' },
      },
    },
  };
}

const TENANTS: Record<string, string> = { 'nghean.gov.vn': 'nghean', 'hue.gov.vn': 'hue' };
const tenantOf = (domain: string) => TENANTS[domain];

describe('an SES receipt event', () => {
  it('names the object SES stored under the tenant\'s incoming prefix, the recipients and the verdicts', () => {
    const { deliveries, ignored } = sesDeliveries(record(['Canbo@NgheAn.gov.vn'], { spf: 'FAIL', dkim: 'GRAY', dmarc: 'PROCESSING_FAILED' }), tenantOf);
    expect(ignored).toEqual([]);
    expect(deliveries).toEqual([{
      tenant: 'nghean',
      key: 'nghean/mail/incoming/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g01',
      recipients: ['canbo@nghean.gov.vn'],
      envelopeFrom: 'Sender@Example.org',
      messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g01',
      verdicts: { spf: 'FAIL', dkim: 'GRAY', dmarc: 'PROCESSING_FAILED' },
      virus: false,
    }]);
    expect(deliveries[0]!.key.startsWith(incomingPrefix('nghean'))).toBe(true);
  });

  it('splits recipients by tenant and leaves out domains the deployment does not serve (never relayed)', () => {
    const { deliveries, ignored } = sesDeliveries(record(['a@nghean.gov.vn', 'b@hue.gov.vn', 'c@nghean.gov.vn', 'd@example.com']), tenantOf);
    expect(deliveries.map((d) => [d.tenant, d.recipients])).toEqual([['nghean', ['a@nghean.gov.vn', 'c@nghean.gov.vn']], ['hue', ['b@hue.gov.vn']]]);
    expect(ignored).toEqual(['d@example.com']);
  });

  it('marks a message SES found a virus in', () => {
    expect(sesDeliveries(record(['a@nghean.gov.vn'], { virus: 'FAIL' }), tenantOf).deliveries[0]!.virus).toBe(true);
  });

  it('is told apart from the local SMTP server\'s requests', () => {
    const event: SESEvent = { Records: [record(['a@nghean.gov.vn'])] };
    expect(isSesEvent(event)).toBe(true);
    expect(isSesEvent({ kind: 'check', tenant: 'nghean', recipients: ['a@nghean.gov.vn'] })).toBe(false);
    expect(isSesEvent({ Records: [{ eventSource: 'aws:s3' }] })).toBe(false);
    expect(isSesEvent(null)).toBe(false);
  });
});

describe('the local SMTP server\'s requests', () => {
  it('are check (with an optional SIZE) or deliver (an object key, the envelope)', () => {
    expect(LocalRequest.parse({ kind: 'check', tenant: 'nghean', recipients: ['a@nghean.gov.vn'], size: 1200 })).toEqual(CheckRequest.parse({ kind: 'check', tenant: 'nghean', recipients: ['a@nghean.gov.vn'], size: 1200 }));
    expect(LocalRequest.parse({ kind: 'deliver', tenant: 'nghean', key: 'nghean/mail/incoming/x.eml', recipients: ['a@nghean.gov.vn'], envelopeFrom: '' }).kind).toBe('deliver');
    expect(DeliverRequest.safeParse({ kind: 'deliver', tenant: 'nghean', key: '', recipients: ['a@nghean.gov.vn'], envelopeFrom: 'x@y.vn' }).success).toBe(false);
    expect(CheckRequest.safeParse({ kind: 'check', tenant: 'nghean', recipients: [] }).success).toBe(false);
    expect(CheckRequest.safeParse({ kind: 'check', tenant: 'nghean', recipients: Array.from({ length: 501 }, (_, i) => `a${i}@nghean.gov.vn`) }).success).toBe(false);
  });
});
