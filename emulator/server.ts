/*
 * Local emulator of the Hatz API, for the practice sandbox and the tests. It listens on
 * 127.0.0.1 only and serves the sample workflows of sample-workflows.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { FaultQueue } from './faults.ts';
import { JobStore } from './jobs.ts';
import { resolveEmulatorOptions, type EmulatorOptions } from './options.ts';
import { handleRequest } from './request-handler.ts';
import { RequestStats, type RecordedRequest } from './stats.ts';
import { UploadStore } from './uploads.ts';

export { PRACTICE_KEY } from './auth.ts';
export type { EmulatorOptions } from './options.ts';
export type { Fault, FaultQueue } from './faults.ts';
export type { RecordedRequest } from './stats.ts';

/** The only address the emulator binds. */
const HOST = '127.0.0.1';

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` without a trailing slash. The API base URL is `${url}/v1`. */
  url: string;
  port: number;
  /** Stops accepting, destroys open sockets (stalled ones too) and resolves once closed. */
  close(): Promise<void>;
  faults: FaultQueue;
  stats: {
    requests: RecordedRequest[];
    inFlight: number;
    maxInFlight: number;
    reset(): void;
  };
  /** The options in force. Changes apply to the next request. */
  options: EmulatorOptions;
}

/**
 * Starts an emulator on 127.0.0.1 with `overrides` on the default options. Rejects with a
 * RangeError for an invalid option and with the listen error when the port is taken.
 */
export async function startEmulator(
  overrides: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const options = resolveEmulatorOptions(overrides);
  const faults = new FaultQueue();
  const stats = new RequestStats();
  const closing = new AbortController();
  const services = {
    options,
    faults,
    stats,
    state: { jobs: new JobStore(), uploads: new UploadStore() },
    signal: closing.signal,
  };

  const server = createServer((request, response) => {
    void handleRequest(request, response, services);
  });
  const sockets = trackSockets(server);
  const port = await listen(server, options.port);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= closeServer({ server, sockets, closing, stats });
    return closed;
  };

  return { url: `http://${HOST}:${port}`, port, close, faults, stats, options };
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: HOST }, () => {
      server.off('error', reject);
      // Without a listener, a later server error such as EMFILE would end the process.
      server.on('error', (error) => console.error('Hatz emulator: server error:', error));
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops the server and resolves once every socket is closed and every request has ended. */
async function closeServer(params: {
  server: Server;
  sockets: Set<Socket>;
  closing: AbortController;
  stats: RequestStats;
}): Promise<void> {
  const { server, sockets, closing, stats } = params;
  closing.abort();
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
  });
  for (const socket of sockets) socket.destroy();
  await closed;
  await stats.whenIdle();
}
