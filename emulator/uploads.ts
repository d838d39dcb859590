import { randomUUID } from 'node:crypto';

/** A file received by `POST /v1/files/upload`. The emulator keeps its size but not its bytes. */
export interface Upload {
  id: string;
  fileName: string;
  sizeBytes: number;
  scopeType: string;
  scopeId: string;
  createdAtMs: number;
}

export type UploadStatus = 'uploading' | 'processing' | 'ready' | 'failed';

/** Time in ms at `jobTimeScale` 1 that an upload spends in each state before the next one. */
const UPLOADING_MS = 300;
const PROCESSING_END_MS = 1500;

const MAX_STORED_UPLOADS = 10_000;

/** Uploaded files. Like jobs, their status follows from the time since upload. */
export class UploadStore {
  readonly #uploads = new Map<string, Upload>();

  add(params: Omit<Upload, 'id'>): Upload {
    const upload: Upload = { id: randomUUID(), ...params };
    this.#uploads.set(upload.id, upload);
    if (this.#uploads.size > MAX_STORED_UPLOADS) {
      const oldestId = this.#uploads.keys().next().value;
      if (oldestId !== undefined) this.#uploads.delete(oldestId);
    }
    return upload;
  }

  /** Returns the upload with this id, compared case-insensitively as UUIDs are. */
  find(fileId: string): Upload | undefined {
    return this.#uploads.get(fileId.toLowerCase());
  }
}

/**
 * Returns the status of `upload` at time `nowMs`.
 * NOTE: Hatz documents the `failed` status but not its causes, so the emulator fails empty files.
 */
export function uploadStatusAt(upload: Upload, nowMs: number, timeScale: number): UploadStatus {
  const elapsedMs = nowMs - upload.createdAtMs;
  if (elapsedMs < UPLOADING_MS * timeScale) return 'uploading';
  if (elapsedMs < PROCESSING_END_MS * timeScale) return 'processing';
  return upload.sizeBytes === 0 ? 'failed' : 'ready';
}
