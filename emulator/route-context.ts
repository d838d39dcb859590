import type { IncomingMessage } from 'node:http';

import type { Authentication } from './auth.ts';
import type { JobStore } from './jobs.ts';
import type { EmulatorOptions } from './options.ts';
import type { Reply } from './reply.ts';
import type { UploadStore } from './uploads.ts';

/** Jobs and uploads that live as long as one emulator. */
export interface EmulatorState {
  jobs: JobStore;
  uploads: UploadStore;
}

/** Input of a route handler for an authenticated request. */
export interface RouteContext {
  request: IncomingMessage;
  query: URLSearchParams;
  /** Decoded values of the `:name` segments of the route's path. */
  params: Record<string, string>;
  options: EmulatorOptions;
  auth: Authentication;
  state: EmulatorState;
  /** Reads the body within `maxBodyBytes`, throwing as readRequestBody does. */
  readBody(): Promise<Buffer>;
}

export type RouteHandler = (context: RouteContext) => Reply | Promise<Reply>;

export function jsonReply(status: number, value: unknown): Reply {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}
