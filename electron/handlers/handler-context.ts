import { createBodyShelf, type BodyShelf } from '../../core/body-shelf.ts';
import { createHatzClient, type HatzClient } from '../../core/hatz-client.ts';
import type { HistoryStore } from '../../core/history-store.ts';
import type { FetchFunction } from '../../core/http-request.ts';
import type {
  EventChannel,
  EventOf,
  InvokeChannel,
  ReplyOf,
  RequestOf,
} from '../../core/ipc-contract.ts';
import type { Failure, Result } from '../../core/schemas.ts';
import type { KeyValueStore, SecretCipher } from '../../core/secret-cipher.ts';
import { resolveSettings, type ClientSettings } from '../../core/settings.ts';
import type { ConnectionState } from './connection-state.ts';

/** A running practice sandbox: the emulator's URL and the key it accepts. */
export interface Sandbox {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

/** Everything the handlers need from Electron, injected so tests run them under plain Node. */
export interface AppHandlerDependencies {
  /** Electron's `net.fetch` in the app, which follows the system proxy and certificate store. */
  fetch: FetchFunction;
  cipher: SecretCipher;
  store: KeyValueStore;
  startSandbox(): Promise<Sandbox>;
  emit<C extends EventChannel>(channel: C, payload: EventOf<C>): void;
  /** The history of runs, in the app's data directory; every run the app starts is kept in it. */
  history: HistoryStore;
  settings?: Partial<ClientSettings>;
}

/** The handlers of some channels; each domain's file returns its own. */
export type HandlersFor<C extends InvokeChannel> = {
  [K in C]: (request: RequestOf<K>) => Promise<ReplyOf<K>>;
};

export type AppHandlers = HandlersFor<InvokeChannel>;

/** State shared by the domain handlers: the injected dependencies and the active connection. */
export interface HandlerContext {
  dependencies: AppHandlerDependencies;
  connection: ConnectionState;
  /** Large reply bodies that the renderer reads in pieces instead of in one message. */
  bodies: BodyShelf;
  /**
   * Returns a client for the active connection, or the failure that prevents one: no key set, or
   * settings that cannot be used, such as a base URL saved before it was checked as it is now.
   */
  connectClient(): Result<HatzClient>;
}

export const NO_CONNECTION: Failure = {
  kind: 'invalid-input',
  message: 'No API key is set. Paste a key, or use the practice sandbox.',
};

export function createHandlerContext(
  dependencies: AppHandlerDependencies,
  connection: ConnectionState,
): HandlerContext {
  return {
    dependencies,
    connection,
    bodies: createBodyShelf(),
    connectClient() {
      const current = connection.get();
      if (!current) return { ok: false, failure: NO_CONNECTION };
      const settings = resolveSettingsResult({
        ...dependencies.settings,
        baseUrl: current.baseUrl,
      });
      if (!settings.ok) return settings;
      const client = createHatzClient({
        fetch: dependencies.fetch,
        apiKey: current.apiKey,
        settings: settings.value,
      });
      return { ok: true, value: client };
    },
  };
}

/** Resolves settings as `resolveSettings` does, with a problem returned as an invalid-input failure. */
export function resolveSettingsResult(overrides: Partial<ClientSettings>): Result<ClientSettings> {
  try {
    return { ok: true, value: resolveSettings(overrides) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, failure: { kind: 'invalid-input', message } };
  }
}
