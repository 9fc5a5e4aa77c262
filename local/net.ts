// Ports and readiness for the local suite.
import { createServer, connect } from 'node:net';

export class PortTakenError extends Error {
  constructor(readonly port: number, readonly what: string, readonly envVar: string) {
    super(`Port ${port} (${what}) is already in use: stop what uses it or choose another port with ${envVar}=<port>.`);
  }
}

/** Resolves to a port that is free now: the one asked for, or any when 0 is asked. */
export function claimPort(port: number, what: string, envVar: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () => reject(new PortTakenError(port, what, envVar)));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}

export async function waitForPort(port: number, what: string, timeoutMs = 60_000, exited?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    const why = exited?.();
    if (why) throw new Error(`${what} stopped before it was ready: ${why}`);
    if (Date.now() > deadline) throw new Error(`${what} did not start listening on port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
