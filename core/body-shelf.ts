import type { HttpExchange, JobSnapshot } from './schemas.ts';

/**
 * Bodies longer than this, in characters, stay in the main process and the renderer reads them in
 * pieces, because the renderer decodes each IPC message on its UI thread in one task.
 */
export const MAX_INLINE_BODY_LENGTH = 256 * 1024;
/** Maximum length of the piece of a held body that one `bodies.read` returns. */
export const MAX_BODY_PIECE_LENGTH = 1024 * 1024;
/** Maximum total length of the held bodies. The oldest are released first. */
const DEFAULT_MAX_HELD_LENGTH = 256 * 1024 * 1024;

export interface BodyShelf {
  /** Keeps `text` and returns the id and length the renderer reads it by. */
  hold(text: string): { id: string; length: number };
  /** Returns characters `start` to `end` of a held body, or undefined when it is no longer held. */
  read(id: string, start: number, end: number): string | undefined;
  /** Total length of the held bodies, in characters. */
  readonly heldLength: number;
}

/** Holds large reply bodies in memory, up to a total length, for the renderer to read in pieces. */
export function createBodyShelf({ maxHeldLength = DEFAULT_MAX_HELD_LENGTH } = {}): BodyShelf {
  // A Map keeps insertion order, so its first entries are the oldest.
  const bodies = new Map<string, string>();
  let heldLength = 0;

  return {
    hold(text) {
      const id = crypto.randomUUID();
      bodies.set(id, text);
      heldLength += text.length;
      for (const [oldId, oldText] of bodies) {
        if (heldLength <= maxHeldLength || oldId === id) break;
        bodies.delete(oldId);
        heldLength -= oldText.length;
      }
      return { id, length: text.length };
    },
    read(id, start, end) {
      return bodies.get(id)?.slice(start, end);
    },
    get heldLength() {
      return heldLength;
    },
  };
}

/**
 * Returns a copy of a run or history record whose reply bodies over `MAX_INLINE_BODY_LENGTH` are
 * held on `shelf` and replaced by their id and length, so it can cross IPC in one small message.
 */
export function holdLargeBodies<T extends { exchange?: HttpExchange; job?: JobSnapshot }>(
  value: T,
  shelf: BodyShelf,
): T {
  const { exchange, job } = value;
  const isExchangeLarge =
    exchange !== undefined && exchange.responseBody.length > MAX_INLINE_BODY_LENGTH;
  const isJobLarge = job !== undefined && job.rawBody.length > MAX_INLINE_BODY_LENGTH;
  if (!isExchangeLarge && !isJobLarge) return value;
  const copy = { ...value };
  if (isExchangeLarge) {
    copy.exchange = {
      ...exchange,
      responseBody: '',
      heldResponseBody: shelf.hold(exchange.responseBody),
    };
  }
  if (isJobLarge) {
    copy.job = { ...job, rawBody: '', heldRawBody: shelf.hold(job.rawBody) };
  }
  return copy;
}
