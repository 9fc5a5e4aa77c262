// Cold starts on this machine: each sample is a fresh `node` process that requires a bundle and, for HTTP
// functions, answers one request. The child script is written by the bench; the parent only spawns and reads.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** What one child reports. Times in ms; `*At` are measured from the process's start (performance.timeOrigin). */
export interface Sample {
  status: number | 'loaded';
  /** Node's own start-up before the first line of the script ran. */
  bootMs: number;
  /** The `require` of the bundle: parse, compile and run its top level (SDK clients, Powertools, schemas). */
  loadMs: number;
  /** handler(event, context) until its promise settled; 0 for load-only measurements. */
  invokeMs: number;
  /** Process start → bundle loaded. */
  loadedAtMs: number;
  /** Process start → response (= loadedAtMs for load-only measurements). */
  respondedAtMs: number;
  /** Handles still open after the response that could mean network traffic (sockets, DNS look-ups); should be []. */
  network: string[];
}

// CommonJS, no dependencies. argv: mode ('invoke' | 'load'), bundle path, function name, event JSON.
// Time zero is the first statement; performance.now() there is how long node took to get to it.
const CHILD = `'use strict';
const t0 = process.hrtime.bigint();
const bootMs = performance.now();
const since = (t) => Number(t - t0) / 1e6;
const [mode, bundle, name, eventJson] = process.argv.slice(2);
const network = () => process.getActiveResourcesInfo().filter((r) => /TCP|UDP|GetAddrInfo|GetNameInfo|QueryReqWrap|TLS/i.test(r));
const report = (r, code) => {
  process.stdout.write('\\n@@bench@@' + JSON.stringify(r) + '\\n');
  process.exit(code);
};
try {
  const event = mode === 'invoke' ? JSON.parse(eventJson) : undefined;
  const tRequire = process.hrtime.bigint();
  const mod = require(bundle);
  const tLoaded = process.hrtime.bigint();
  const loaded = { bootMs, loadMs: since(tLoaded) - since(tRequire), loadedAtMs: bootMs + since(tLoaded) };
  if (typeof mod.handler !== 'function') throw new Error('the bundle exports no handler function');
  if (mode === 'load') {
    report({ status: 'loaded', ...loaded, invokeMs: 0, respondedAtMs: loaded.loadedAtMs, network: network() }, 0);
  } else {
    const deadline = Date.now() + 30000;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:' + name,
      memoryLimitInMB: '1024',
      awsRequestId: 'bench-' + process.pid,
      logGroupName: '/aws/lambda/' + name,
      logStreamName: '2025/07/01/[$LATEST]bench',
      getRemainingTimeInMillis: () => deadline - Date.now(),
      done() {}, fail() {}, succeed() {},
    };
    Promise.resolve(mod.handler(event, context)).then((response) => {
      const tResponded = process.hrtime.bigint();
      report({
        status: response && typeof response === 'object' ? response.statusCode : -1,
        ...loaded,
        invokeMs: since(tResponded) - since(tLoaded),
        respondedAtMs: bootMs + since(tResponded),
        network: network(),
      }, 0);
    }, (err) => report({ error: String(err && err.stack || err) }, 1));
  }
} catch (err) {
  report({ error: String(err && err.stack || err) }, 1);
}
`;

export function writeChildScript(path: string): void {
  writeFileSync(path, CHILD);
}

export interface ChildJob {
  script: string;
  bundle: string;
  name: string;
  /** The API Gateway event, or undefined to measure the require only. */
  event: unknown;
  env: Record<string, string>;
  cwd: string;
}

const TIMEOUT_MS = 30_000;

/** One fresh process; throws with the child's output when it fails, times out or reports nothing. */
export function coldStart(job: ChildJob): Sample {
  const mode = job.event === undefined ? 'load' : 'invoke';
  const child = spawnSync(process.execPath, [job.script, mode, job.bundle, job.name, JSON.stringify(job.event ?? null)], {
    cwd: job.cwd,
    env: job.env,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout?.split('\n').find((l) => l.startsWith('@@bench@@'));
  const parsed = line ? (JSON.parse(line.slice('@@bench@@'.length)) as Sample & { error?: string }) : undefined;
  if (child.error || child.status !== 0 || !parsed || parsed.error) {
    const why = child.error ? child.error.message : parsed?.error ?? `exit ${child.status ?? child.signal}`;
    throw new Error(`cold start of ${job.name} failed: ${why}\n${child.stderr ?? ''}${child.stdout ?? ''}`.trim());
  }
  return parsed;
}

/** Linear interpolation between closest ranks (the common "type 7" definition); q in [0, 1]. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
