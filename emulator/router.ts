import { getApp, listApps, listModels } from './app-routes.ts';
import { getUploadStatus, uploadFile } from './file-routes.ts';
import { HttpError } from './http-error.ts';
import type { RouteHandler } from './route-context.ts';
import { getJob, runWorkflow } from './workflow-routes.ts';

interface Route {
  method: string;
  /** Path segments. A segment starting with `:` matches any one segment and names it. */
  segments: string[];
  handle: RouteHandler;
}

const ROUTES: Route[] = [
  route('GET', '/v1/app/list', listApps),
  route('GET', '/v1/app/:appId', getApp),
  route('POST', '/v1/workflows/run', runWorkflow),
  route('GET', '/v1/workflows/:jobId', getJob),
  route('GET', '/v1/chat/models', listModels),
  route('POST', '/v1/files/upload', uploadFile),
  route('GET', '/v1/files/:fileId/status', getUploadStatus),
];

export interface RouteMatch {
  handle: RouteHandler;
  params: Record<string, string>;
}

/**
 * Finds the handler for `method` and `path`. Literal segments win over `:name` segments, so
 * `GET /v1/workflows/run` is 405, not a lookup of job "run". Throws HttpError 400 for a path
 * that is not valid percent-encoding, 405 for a known path with another method, and 404 else.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const segments = decodeSegments(path);

  const candidates = ROUTES.map((candidate) => ({
    route: candidate,
    params: matchSegments(candidate.segments, segments),
  })).filter((candidate) => candidate.params !== undefined);
  const bestLiteralCount = Math.max(0, ...candidates.map((c) => literalCount(c.route)));
  const best = candidates.filter((candidate) => literalCount(candidate.route) === bestLiteralCount);

  const found = best.find((candidate) => candidate.route.method === method);
  if (found?.params !== undefined) return { handle: found.route.handle, params: found.params };

  if (best.length > 0) {
    const allowed = best.map((candidate) => candidate.route.method).join(', ');
    throw new HttpError(405, `Method ${method} is not allowed on ${path}; use ${allowed}.`, {
      type: 'method_not_allowed',
      headers: { allow: allowed },
    });
  }
  throw new HttpError(404, `Not found: ${method} ${path}`, { type: 'not_found' });
}

function route(method: string, path: string, handle: RouteHandler): Route {
  return { method, segments: path.split('/').slice(1), handle };
}

function decodeSegments(path: string): string[] {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    throw new HttpError(400, `Invalid percent-encoding in path ${path}.`, {
      loc: ['path'],
      type: 'path_invalid',
    });
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;

  const params: Record<string, string> = {};
  for (const [index, patternSegment] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (patternSegment.startsWith(':')) {
      if (segment === '') return undefined;
      params[patternSegment.slice(1)] = segment;
    } else if (patternSegment !== segment) {
      return undefined;
    }
  }
  return params;
}

function literalCount(candidate: Route): number {
  return candidate.segments.filter((segment) => !segment.startsWith(':')).length;
}
