import { z } from 'zod';

import { MAX_API_KEY_LENGTH } from '../clean-api-key.ts';
import { keyVerdictSchema, VERIFY_PATHS } from '../key-verdict.ts';
import { resultSchema } from '../schemas.ts';
import { emptyRequest } from './empty-request.ts';

/*
 * The key vault's channels. A key travels only from the renderer to the main process, in `add`
 * and `replace`. No reply contains a key: a stored key is named by its id, label and last four
 * characters.
 */

const keyId = z.string().uuid();
const label = z.string().trim().min(1).max(100);
const note = z.string().max(1000);
const baseUrl = z.string().url().max(2048);
// Twice the key's limit, so a key with pasted extras reaches the cleaning rules.
const apiKey = z
  .string()
  .min(1)
  .max(MAX_API_KEY_LENGTH * 2);

/** One stored key, as described to the renderer. */
export const keySummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  note: z.string(),
  baseUrl: z.string(),
  /** Last four characters of the key, empty for a key of eight characters or fewer. */
  lastFour: z.string(),
  /**
   * `ready`: the key can be sent. `unreadable`: it was stored on another computer or by another
   * user. `not-kept`: it was kept for an earlier session only.
   */
  status: z.enum(['ready', 'unreadable', 'not-kept']),
  /**
   * `keychain` when encrypted with the system's keychain; `weak` when the user accepted weaker
   * encryption; `session` when kept in memory only, until the app quits.
   */
  storage: z.enum(['keychain', 'weak', 'session']),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Most recent verdicts, newest first. */
  verdicts: z.array(keyVerdictSchema),
});
export type KeySummary = z.infer<typeof keySummarySchema>;

/** Every stored key, which one requests use, and how safely keys can be stored here. */
export const vaultInfoSchema = z.object({
  keys: z.array(keySummarySchema),
  /** Id of the key requests use, or null when none is chosen or the practice sandbox is on. */
  activeKeyId: z.string().nullable(),
  isSandboxActive: z.boolean(),
  /** Reason new keys cannot be encrypted safely on this system, undefined when they can. */
  storageWeakness: z.string().optional(),
  /** Problems met while reading stored keys, such as keys this system cannot decrypt. */
  warnings: z.array(z.string()),
  /** Ids of deleted keys that can still be restored in this session. */
  restorableKeyIds: z.array(z.string()),
});
export type VaultInfo = z.infer<typeof vaultInfoSchema>;

const keyChange = z.object({
  vault: vaultInfoSchema,
  keyId: z.string(),
  removed: z.array(z.string()),
});
const verifyPath = z.enum(VERIFY_PATHS);

export const keyChannels = {
  'keys.list': { request: emptyRequest, reply: vaultInfoSchema },
  'keys.add': {
    request: z
      .object({
        label,
        note: note.optional(),
        baseUrl,
        apiKey,
        /** Stores the key with weak encryption where the system offers no keychain. */
        acceptWeakStorage: z.boolean().optional(),
        makeActive: z.boolean().optional(),
      })
      .strict(),
    reply: resultSchema(keyChange),
  },
  'keys.update': {
    request: z
      .object({
        id: keyId,
        label: label.optional(),
        note: note.optional(),
        baseUrl: baseUrl.optional(),
        /** Required when the new base URL has another origin, which the key would then go to. */
        confirmOriginChange: z.boolean().optional(),
      })
      .strict(),
    reply: resultSchema(vaultInfoSchema),
  },
  'keys.replace': {
    request: z.object({ id: keyId, apiKey, acceptWeakStorage: z.boolean().optional() }).strict(),
    reply: resultSchema(keyChange),
  },
  'keys.delete': {
    request: z.object({ id: keyId }).strict(),
    reply: resultSchema(vaultInfoSchema),
  },
  'keys.restore': {
    request: z.object({ id: keyId }).strict(),
    reply: resultSchema(vaultInfoSchema),
  },
  'keys.setActive': {
    request: z.object({ id: keyId }).strict(),
    reply: resultSchema(vaultInfoSchema),
  },
  'keys.verify': {
    request: z.object({ id: keyId, path: verifyPath.optional() }).strict(),
    reply: resultSchema(z.object({ keyId: z.string(), verdict: keyVerdictSchema })),
  },
  'keys.lastUsedFor': {
    request: z.object({ appId: z.string().min(1).max(200) }).strict(),
    reply: z.object({ keyId: z.string().nullable() }),
  },
} as const;
