import { verifyKey } from '../../core/verify-key.ts';
import { resolveSettingsResult, type HandlerContext, type HandlersFor } from './handler-context.ts';

type KeyChannel =
  | 'keys.list'
  | 'keys.add'
  | 'keys.update'
  | 'keys.replace'
  | 'keys.delete'
  | 'keys.restore'
  | 'keys.setActive'
  | 'keys.verify'
  | 'keys.lastUsedFor';

/** Handles the key vault's channels. Replies name keys by id, label and last four only. */
export function createKeyHandlers({ dependencies, connection }: HandlerContext) {
  const { vault } = connection;

  const handlers: HandlersFor<KeyChannel> = {
    'keys.list': async () => vault.describe(),

    'keys.add': async (request) => {
      const added = await vault.add(request);
      return added.ok ? { ok: true, value: { ...added.value, vault: vault.describe() } } : added;
    },

    'keys.update': async (request) => vault.update(request),

    'keys.replace': async (request) => {
      const replaced = await vault.replace(request);
      return replaced.ok
        ? { ok: true, value: { ...replaced.value, vault: vault.describe() } }
        : replaced;
    },

    'keys.delete': async ({ id }) => vault.remove(id),

    'keys.restore': async ({ id }) => vault.restore(id),

    'keys.setActive': async ({ id }) => vault.setActive(id),

    'keys.verify': async ({ id, path }) => {
      const key = vault.getKeyForRequest(id);
      if (!key.ok) return key;

      const settings = resolveSettingsResult({
        ...dependencies.settings,
        baseUrl: key.value.baseUrl,
      });
      if (!settings.ok) return settings;
      const verdict = await verifyKey({
        fetch: dependencies.fetch,
        apiKey: key.value.apiKey,
        settings: settings.value,
        path,
      });
      vault.recordVerdict(id, verdict);
      return { ok: true, value: { keyId: id, verdict } };
    },

    'keys.lastUsedFor': async ({ appId }) => ({ keyId: vault.lastKeyFor(appId) }),
  };

  return { handlers };
}
