import type { LocalSuiteProcess } from './process';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { tinhsoSuite?: LocalSuiteProcess }).tinhsoSuite?.stop();
}
