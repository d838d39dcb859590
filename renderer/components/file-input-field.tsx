import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';

import { problemFromError, problemFromFailure, type Problem } from '../problem.ts';
import { FailureNotice } from './failure-notice.tsx';

interface FileInputFieldProps {
  appId: string;
  label: string;
  fileId: string;
  describedBy?: string;
  isInvalid: boolean;
  isRequired: boolean;
  onFileIdChange: (fileId: string) => void;
}

/** The older Hatz upload limit, checked here so a large file fails before it is read. */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; status: string }
  | { kind: 'done'; fileName: string }
  | { kind: 'failed'; problem: Problem };

/**
 * Renders a file input: pick a file, upload it to Hatz, wait until it is ready, and put its file id in
 * the inputs. The id can also be typed, for a file uploaded earlier.
 */
export function FileInputField(props: FileInputFieldProps) {
  const { appId, label, fileId, describedBy, isInvalid, isRequired, onFileIdChange } = props;
  const id = useId();
  const [upload, setUpload] = useState<UploadState>({ kind: 'idle' });
  const unsubscribeRef = useRef<(() => void) | null>(null);

  useEffect(() => () => unsubscribeRef.current?.(), []);

  async function handleFileChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setUpload({
        kind: 'failed',
        problem: {
          title: 'File too large',
          detail: `"${file.name}" has ${(file.size / 1024 / 1024).toFixed(1)} MB; Hatz accepts files up to 30 MB.`,
          fix: 'Choose a smaller file, or split it.',
        },
      });
      return;
    }

    const uploadId = crypto.randomUUID();
    setUpload({ kind: 'uploading', fileName: file.name, status: 'reading' });
    unsubscribeRef.current?.();
    unsubscribeRef.current = window.hatz.inputs.onUploadStatus((event) => {
      if (event.uploadId === uploadId) {
        setUpload({ kind: 'uploading', fileName: file.name, status: event.status });
      }
    });
    try {
      const contentBase64 = await readBase64(file);
      setUpload({ kind: 'uploading', fileName: file.name, status: 'sending' });
      const result = await window.hatz.inputs.uploadFile({
        uploadId,
        appId,
        fileName: file.name,
        mimeType: file.type,
        contentBase64,
      });
      if (result.ok) {
        onFileIdChange(result.value.fileId);
        setUpload({ kind: 'done', fileName: file.name });
      } else {
        setUpload({ kind: 'failed', problem: problemFromFailure(result.failure) });
      }
    } catch (error) {
      setUpload({ kind: 'failed', problem: problemFromError('Uploading the file', error) });
    } finally {
      unsubscribeRef.current?.();
      unsubscribeRef.current = null;
    }
  }

  return (
    <div className="file-input-field">
      <input
        id={id}
        type="text"
        value={fileId}
        placeholder="File id, filled in by an upload"
        aria-label={`${label}: file id`}
        aria-describedby={describedBy}
        aria-invalid={isInvalid || undefined}
        aria-required={isRequired || undefined}
        spellCheck={false}
        onChange={(event) => onFileIdChange(event.target.value)}
      />
      <label className="button-small file-upload-button">
        Upload a file…
        <input
          type="file"
          className="visually-hidden"
          aria-label={`Upload a file for ${label}`}
          disabled={upload.kind === 'uploading'}
          onChange={(event) => void handleFileChange(event)}
        />
      </label>
      <p className="upload-status" role="status">
        {describeUpload(upload)}
      </p>
      {upload.kind === 'uploading' && <progress aria-label={`Uploading ${upload.fileName}`} />}
      {upload.kind === 'failed' && <FailureNotice problem={upload.problem} />}
    </div>
  );
}

function describeUpload(upload: UploadState): string {
  switch (upload.kind) {
    case 'idle':
    case 'failed':
      return '';
    case 'uploading':
      return `Uploading ${upload.fileName}: ${upload.status}…`;
    case 'done':
      return `${upload.fileName} is uploaded and ready.`;
  }
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}
