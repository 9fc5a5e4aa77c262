// The meetings service's video provider in a tenant stack: Jitsi by default (its domain, app id and a generated
// secret only the meetings functions may read), Amazon Chime SDK when the tenant file says so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '#infra/app';
import { VIDEO_ENV } from '#functions/meetings/video-config';
import { TENANT_OPERATION_PREFIX } from '#functions/index';

const dir = mkdtempSync(join(tmpdir(), 'tinhso-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The tenant stack of Huế, as its tenant file is, or with `video` set. */
function hueTemplate(video?: Record<string, unknown>): Template {
  const tenantsDir = mkdtempSync(join(dir, 'tenants-'));
  const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'tenants', 'hue.json'), 'utf8'));
  writeFileSync(join(tenantsDir, 'hue.json'), JSON.stringify(video ? { ...file, video } : file));
  const built = buildApp({ context: { tenant: 'hue' }, outdir: mkdtempSync(join(dir, 'out-')), tenantsDir });
  return Template.fromStack(built.tenants[0]!);
}

// The meetings service's functions; the platform's tenant operations (export, import, purge) have every table, no video.
const meetingsFunctions = (template: Template) =>
  Object.values(template.findResources('AWS::Lambda::Function')).filter((r) => /meetings/.test(JSON.stringify(r.Properties.Environment ?? {})) && r.Properties.Environment?.Variables?.MEETINGS_TABLE
    && !String(r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).startsWith(TENANT_OPERATION_PREFIX));

describe('Jitsi (the default)', () => {
  const template = hueTemplate();

  it('generates the app secret, encrypted with the tenant key', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'tinhso/hue/jitsi-app-secret', KmsKeyId: Match.anyValue() });
  });

  it('tells the meetings functions (API and reminders) the domain, app id and secret, and lets them read it', () => {
    const fns = meetingsFunctions(template);
    expect(fns.length).toBe(2);
    for (const fn of fns) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        [VIDEO_ENV.provider]: 'jitsi', [VIDEO_ENV.jitsiDomain]: 'meet.hue.gov.vn', [VIDEO_ENV.jitsiAppId]: 'tinhso-hue', [VIDEO_ENV.jitsiSecretArn]: expect.anything(),
      });
    }
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p).includes('secretsmanager:GetSecretValue'));
    expect(readers).toHaveLength(2);
  });
});

describe('Amazon Chime SDK', () => {
  const template = hueTemplate({ provider: 'chime' });

  it('makes no Jitsi secret and lets the meetings functions create meetings and attendees', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(meetingsFunctions(template).map((fn) => fn.Properties.Environment.Variables[VIDEO_ENV.provider])).toEqual(['chime', 'chime']);
    const chime = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p).includes('chime:CreateMeeting'));
    expect(chime).toHaveLength(2);
  });
});
