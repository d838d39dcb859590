import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/** The origin the renderer is served from; IPC accepts requests only from frames at this origin. */
export const RENDERER_ORIGIN = 'app://renderer';

/**
 * Checks whether a URL belongs to the renderer. Node's URL gives custom schemes the origin "null", so
 * the scheme and host are compared instead of `origin`.
 */
export function isRendererUrl(url: string | undefined): boolean {
  if (url === undefined || !URL.canParse(url)) return false;
  const { protocol, host } = new URL(url);
  return protocol === 'app:' && host === 'renderer';
}

/** Applied to every renderer response as a header, in addition to the meta tag in index.html. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Monaco adds <style> elements and style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "worker-src 'self'",
  // The page makes no network calls: requests to Hatz go through the main process.
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

/**
 * Serves a file of the built renderer for an `app://renderer/...` request. Paths that leave
 * `root` after normalisation get 404, so a crafted URL cannot read other files.
 */
export async function serveRendererFile(root: string, requestUrl: string): Promise<Response> {
  if (!isRendererUrl(requestUrl)) return new Response('Not found', { status: 404 });
  const url = new URL(requestUrl);

  try {
    const relativePath = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const filePath = normalize(join(root, relativePath));
    if (!filePath.startsWith(root + sep)) return new Response('Not found', { status: 404 });

    const body = await readFile(filePath);
    return new Response(body, {
      headers: {
        'Content-Type': MIME_TYPES[extname(filePath)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    // A malformed escape or a missing file: both are simply not there.
    return new Response('Not found', { status: 404 });
  }
}
