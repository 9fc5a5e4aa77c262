// The whole suite on embedded stand-ins: DynamoDB Local, s3rver and cognito-local as child processes,
// each tenant's tables, bucket, user pool and exchange key, the platform's exchange hub, demo data, the workers (one
// per tenant, one for the platform), the gateway and the SMTP server that receives mail for the tenants' domains.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { loadTenants } from '#infra/tenants';
import type { DeployedTenant, TenantAuth } from '#shared/tenant';
import { Children } from './children';
import type { Endpoints } from './env';
import { startGateway } from './gateway';
import { claimPort } from './net';
import { ensureExchangeKeys, ensureJitsiSecrets, provisionPlatform, provisionTenants } from './provision';
import { registerTenants, seedOperator, seedTenant } from './seed';
import { buildWeb } from '../web/build';
import { startCognito } from './standins/cognito';
import { startDynamoDb } from './standins/dynamodb';
import { startS3 } from './standins/s3';
import { startSchedules, type Scheduler } from './schedules';
import { startSmtp, type RunningSmtp } from './smtp';
import { platformStreamDeployment, startStreamPollers, tenantStreamDeployments, type StreamPollers } from './streams';
import { platformWorker, startWorkers, tenantWorker, type Workers } from './workers';

export interface SuiteOptions {
  dataDir: string;
  /** DynamoDB in memory (tests); files still go to dataDir. */
  ephemeral: boolean;
  ports: { gateway: number; dynamodb: number; s3: number; cognito: number; smtp: number };
  demoPassword: string;
  /** Where tenants/<id>.json are read from; the repository's tenants/ unless said. */
  tenantsDir?: string;
  /** Whether scheduled functions run on their timers; SCHEDULES=off turns them off by default. */
  schedules?: boolean;
  /**
   * Whether the tenants get the demo data (units, officials, meeting rooms, procedures, the demo citizen); true unless
   * said. Off for a deployment that an archive is imported into, which must be empty (docs/archive.md); the tenants'
   * tables, buckets and pools are still made, the registry and the operator still seeded.
   */
  seed?: boolean;
  log?: (line: string) => void;
}

export interface RunningSuite {
  url: string;
  endpoints: Endpoints;
  /** The SMTP server that takes mail for the tenants' domains (SES receiving in AWS). */
  smtp: { host: string; port: number };
  tenants: DeployedTenant[];
  /** The platform's user pool: the operator (`operator@tinhso.vn`) signs in there for the operator API. */
  operator: TenantAuth;
  /** Runs a scheduled function for a tenant now (tests, the console). */
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * WEB_DEV=1: a fresh build for each page load, into a new folder, served once complete; one build at a time, and a
 * failed build (a syntax error being typed) keeps the last good one. Old builds go after a minute (pages still
 * loading their chunks).
 */
function webDevBuilds(first: string, log: (line: string) => void) {
  let current = first;
  let running: Promise<unknown> | undefined;
  let n = 0;
  return {
    dir: () => current,
    refresh() {
      running ??= (async () => {
        const next = `${first}-${++n}`;
        try {
          await buildWeb(next);
          const old = current;
          current = next;
          if (old !== first) setTimeout(() => rmSync(old, { recursive: true, force: true }), 60_000).unref();
        } catch (err) {
          log(`web build failed, serving the previous one: ${(err as Error).message}`);
        } finally {
          running = undefined;
        }
      })();
      return running;
    },
  };
}

export async function startSuite(options: SuiteOptions): Promise<RunningSuite> {
  const log = options.log ?? (() => undefined);
  const tenants = loadTenants(options.tenantsDir);
  mkdirSync(options.dataDir, { recursive: true });
  const ports = {
    gateway: await claimPort(options.ports.gateway, 'the API gateway', 'PORT'),
    dynamodb: await claimPort(options.ports.dynamodb, 'DynamoDB Local', 'DYNAMODB_PORT'),
    s3: await claimPort(options.ports.s3, 's3rver', 'S3_PORT'),
    cognito: await claimPort(options.ports.cognito, 'cognito-local', 'COGNITO_PORT'),
    smtp: await claimPort(options.ports.smtp, 'the SMTP server', 'SMTP_PORT'),
  };
  const endpoints: Endpoints = {
    dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
    s3: `http://127.0.0.1:${ports.s3}`,
    cognito: `http://127.0.0.1:${ports.cognito}`,
  };
  // Known before the gateway listens: cognito-local and the platform worker call its Lambda Invoke API.
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const children = new Children(join(options.dataDir, 'logs'));
  let gateway: Server | undefined;
  let smtp: RunningSmtp | undefined;
  let workers: Workers | undefined;
  let streams: StreamPollers | undefined;
  let scheduler: Scheduler | undefined;
  const stop = async () => {
    await new Promise((resolve) => (gateway ? gateway.close(resolve) : resolve(undefined)));
    // Before the workers: a message still in DATA gets its reply, or the client a closed connection and a retry.
    await smtp?.stop();
    scheduler?.stop();
    await streams?.stop();
    await workers?.stop();
    await children.stopAll();
  };
  try {
    log('Starting DynamoDB Local, s3rver and cognito-local…');
    const dynamoDir = join(options.dataDir, 'dynamodb');
    mkdirSync(dynamoDir, { recursive: true });
    mkdirSync(join(options.dataDir, 's3'), { recursive: true });
    // Each suite builds the web app into its own data folder: two suites (parallel test runs) never share a build.
    const webDir = join(options.dataDir, 'web');
    await Promise.all([
      buildWeb(webDir),
      startDynamoDb(children, ports.dynamodb, dynamoDir, options.ephemeral),
      startS3(children, ports.s3, join(options.dataDir, 's3')),
      startCognito(children, ports.cognito, join(options.dataDir, 'cognito'), gatewayUrl),
    ]);
    log(`Creating tables, buckets and user pools of ${tenants.length} tenants, and the exchange hub…`);
    const deployed = await provisionTenants(tenants, endpoints);
    const operator = await provisionPlatform(endpoints);
    await registerTenants(tenants, endpoints, log);
    ensureExchangeKeys(options.dataDir, tenants.map((t) => t.id));
    ensureJitsiSecrets(options.dataDir, tenants.map((t) => t.id));
    await seedOperator(operator, endpoints, options.demoPassword);
    if (options.seed ?? true) {
      log('Seeding demo units and accounts…');
      for (const tenant of tenants) await seedTenant(tenant, deployed.find((d) => d.id === tenant.id)!, endpoints, options.demoPassword);
    }
    workers = startWorkers([
      ...deployed.map((tenant) => tenantWorker(tenant, endpoints, options.dataDir, deployed)),
      platformWorker(deployed, endpoints, gatewayUrl),
    ]);
    const started = await startGateway({ tenants: deployed, operatorAuth: operator, workers, cognitoEndpoint: endpoints.cognito, port: ports.gateway,
      web: process.env.WEB_DEV === '1' ? webDevBuilds(webDir, log) : { dir: () => webDir },
    });
    gateway = started.server;
    smtp = await startSmtp({ port: ports.smtp, tenants: deployed, workers, endpoints });
    // The event source mappings and EventBridge rules of the stacks: stream consumers and scheduled functions.
    streams = startStreamPollers({
      deployments: [...tenantStreamDeployments(deployed), platformStreamDeployment()], endpoints, invoke: workers.invoke, dataDir: options.dataDir,
    });
    scheduler = startSchedules({ tenants: deployed, invoke: workers.invoke, enabled: options.schedules ?? process.env.SCHEDULES !== 'off' });
    return { url: started.url, endpoints, smtp: { host: smtp.host, port: smtp.port }, tenants: deployed, operator, scheduler, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
