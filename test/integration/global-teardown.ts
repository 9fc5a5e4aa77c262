import type { LocalSuiteProcess } from './process';

// Anything the local suite printed after its banner (it runs with LOG_LEVEL=ERROR) is an unexpected error: a 500,
// a failed stream batch, a crashed job. Print it so a failing CI run shows why, not only that a test got a 500.
const BANNER_END = /stop with Ctrl-C\s*\n/;
// Known noise, local only: a deployment's worker thread runs overlapping invocations of one function at once, sharing
// its Powertools Metrics instance (Lambda never runs two in one container). One invocation then adds the tenant
// dimension over the other's, or publishes the other's metrics and leaves it none to publish.
const KNOWN_NOISE = /^(Dimension "tenant" has already been added|No application metrics to publish\.)/;

export default async function globalTeardown(): Promise<void> {
  const suite = (globalThis as { tinhsoSuite?: LocalSuiteProcess }).tinhsoSuite;
  if (!suite) return;
  const output = suite.output();
  const afterBanner = output.split(BANNER_END)[1] ?? output;
  const lines = afterBanner.split('\n').filter((line) => line.trim() && !KNOWN_NOISE.test(line));
  if (lines.length) {
    process.stderr.write(`\nThe local suite logged ${lines.length} unexpected line(s) during the tests (last 200 shown):\n${lines.slice(-200).join('\n')}\n`);
  }
  await suite.stop();
}
