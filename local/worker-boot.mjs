// Starts a tenant worker thread with TypeScript support (tsx), then loads the worker itself.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
