import { z } from 'zod';

import { failureSchema, resultSchema, workflowSummarySchema } from '../schemas.ts';
import { workflowPicksSchema } from '../workflow-picker-store.ts';
import { connectionInfoSchema } from './connection.ts';
import { emptyRequest } from './empty-request.ts';

/** The older Hatz upload limit is 30 MB; base64 makes the text a third longer. */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
const MAX_UPLOAD_BASE64_LENGTH = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;
const MAX_CURL_COMMAND_LENGTH = 1024 * 1024;
const appId = z.string().max(200);
const workflowRef = z.object({ id: z.string().max(200), name: z.string().max(500) }).strict();

/** A parsed cURL command as the renderer receives it, with the key only as its last four characters. */
export const curlImportSummarySchema = z.object({
  /** Names the key held in the main process until the user stores or drops it. */
  importId: z.string(),
  shell: z.enum(['bash', 'cmd', 'powershell']),
  baseUrl: z.string().optional(),
  appId: z.string().optional(),
  inputsText: z.string().optional(),
  isDraft: z.boolean().optional(),
  /** Last four characters of the key in the command, or null when it has none. */
  keyLastFour: z.string().nullable(),
  notes: z.array(z.string()),
});
export type CurlImportSummary = z.infer<typeof curlImportSummarySchema>;

export const inputsChannels = {
  'inputs.getWorkflow': {
    request: z.object({ appId }).strict(),
    reply: resultSchema(z.object({ workflow: workflowSummarySchema })),
  },
  /** The workflow list, saved for offline use; when Hatz cannot be reached, the saved one. */
  'inputs.listWorkflows': {
    request: z.object({ search: z.string().max(200).optional() }).strict(),
    reply: resultSchema(
      z.object({
        workflows: z.array(workflowSummarySchema),
        /** When the list was saved, if it is the saved list rather than a fresh one. */
        savedAt: z.string().nullable(),
        /** The failure that kept the fresh list from loading, when the saved one is returned instead. */
        offlineReason: failureSchema.optional(),
      }),
    ),
  },
  'inputs.getPicks': { request: emptyRequest, reply: workflowPicksSchema },
  'inputs.setFavourite': {
    request: z.object({ workflow: workflowRef, isFavourite: z.boolean() }).strict(),
    reply: workflowPicksSchema,
  },
  'inputs.addRecent': {
    request: z.object({ workflow: workflowRef }).strict(),
    reply: workflowPicksSchema,
  },
  'inputs.uploadFile': {
    request: z
      .object({
        uploadId: z.string().max(100),
        appId,
        fileName: z.string().min(1).max(255),
        mimeType: z.string().max(200),
        contentBase64: z.string().max(MAX_UPLOAD_BASE64_LENGTH),
      })
      .strict(),
    reply: resultSchema(z.object({ fileId: z.string() })),
  },
  'inputs.parseCurl': {
    request: z.object({ command: z.string().max(MAX_CURL_COMMAND_LENGTH) }).strict(),
    reply: resultSchema(curlImportSummarySchema),
  },
  /** Stores the key of a parsed cURL command as a named key and makes it active. */
  'inputs.storeCurlKey': {
    request: z
      .object({ importId: z.string().max(100), label: z.string().trim().min(1).max(100) })
      .strict(),
    reply: resultSchema(connectionInfoSchema),
  },
} as const;

export const inputsEvents = {
  /** Each status Hatz reports for an upload: uploading, processing, ready or failed. */
  'inputs.uploadStatus': z.object({ uploadId: z.string(), status: z.string() }),
} as const;
