// cdk-nag's AwsSolutions pack over both kinds of stack: no finding without a written reason, and no reason without
// a finding (a stale acknowledgment would silently cover the next real one).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp, type BuiltApp } from '#infra/app';
import { TENANTS_DIR } from '#infra/tenants';

let dir: string;
let built: BuiltApp;
let stacks: Stack[];
let assemblyDir: string;

beforeAll(() => {
  // Prepare: the control plane and one tenant (the other tenants' stacks differ only in names).
  dir = mkdtempSync(join(tmpdir(), 'tinhso-nag-'));
  const tenantsDir = join(dir, 'tenants');
  mkdirSync(tenantsDir);
  copyFileSync(join(TENANTS_DIR, 'hue.json'), join(tenantsDir, 'hue.json'));
  built = buildApp({ tenantsDir, outdir: join(dir, 'cdk.out') });
  stacks = [built.platform!, ...built.tenants];
  // Act: synthesis runs the pack as a validation plugin and throws on any unacknowledged error.
  assemblyDir = built.app.synth().directory;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Finding { rule: string; path: string; severity: string }

function findings(scope: IConstruct, honourAcknowledgments: boolean): Finding[] {
  const pack = new AwsSolutionsChecks();
  // To list what the acknowledgments cover, ask the pack with them switched off.
  if (!honourAcknowledgments) Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  return pack.validateScope(scope).violations.flatMap((v) =>
    v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '', severity: v.severity ?? '' })));
}

/** Every acknowledgment recorded in the tree: where, which rule, why. */
function acknowledgments(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
      path: c.node.path, id: id.replace(/^annotation::/i, ''), reason,
    }))));
}

it('synthesises both stacks with the AwsSolutions pack registered, and reports no violation', () => {
  // Prepare
  const reportFile = join(assemblyDir, 'validation-report.json');
  // Act
  const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) as { pluginReports: { violations: unknown[] }[] } : { pluginReports: [] };
  // Assess
  expect(stacks.map((s) => s.stackName)).toEqual(['TinhSo-Platform', 'TinhSo-Tenant-hue']);
  expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
});

it.each(['TinhSo-Platform', 'TinhSo-Tenant-hue'])('%s: no unacknowledged AwsSolutions error or warning', (name) => {
  // Prepare
  const stack = stacks.find((s) => s.stackName === name)!;
  // Act
  const open = findings(stack, true);
  // Assess
  expect(open).toEqual([]);
  // cdk-nag 3 reports through the validation report, not annotations; the stacks carry no CDK warning either.
  expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
});

it('the platform stack\'s acknowledgments are its functions\' (hub, operator API, archive runner), the runner\'s dead-letter queue and the operator pool\'s threat protection alone', () => {
  // Act
  const acks = acknowledgments(built.platform!);
  // Assess
  expect(acks.length).toBeGreaterThan(0);
  for (const ack of acks) {
    if (ack.path === 'TinhSo-Platform/OperatorPool') expect(ack.id).toBe('AwsSolutions-COG8');
    else if (ack.path === 'TinhSo-Platform/ArchiveRunnerFailures') expect(ack.id).toBe('AwsSolutions-SQS3');
    else expect(ack.path).toMatch(/^TinhSo-Platform\/(Stream|Api|Runner)-[\w-]+\//);
  }
});

it.each(['TinhSo-Platform', 'TinhSo-Tenant-hue'])('%s: every acknowledgment has a reason, sits below the stack, and covers a finding there', (name) => {
  // Prepare
  const stack = stacks.find((s) => s.stackName === name)!;
  const raw = findings(stack, false);
  // Act
  const acks = acknowledgments(stack);
  // Assess
  expect(acks.length).toBeGreaterThan(0);
  for (const ack of acks) {
    expect(ack.reason.length).toBeGreaterThan(40);
    expect(ack.path.startsWith(`${stack.node.id}/`)).toBe(true);
    const covered = raw.filter((f) => f.rule === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
    expect({ ack: `${ack.path} ${ack.id}`, covers: covered.length > 0 }).toEqual({ ack: `${ack.path} ${ack.id}`, covers: true });
  }
});

it('no acknowledgment sits outside a stack', () => {
  // Act
  const acks = acknowledgments(built.app);
  // Assess
  expect(acks.filter((ack) => !stacks.some((s) => ack.path.startsWith(`${s.node.id}/`)))).toEqual([]);
});
