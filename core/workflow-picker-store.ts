import { z } from 'zod';

import type { KeyValueStore } from './secret-cipher.ts';
import { workflowSummarySchema, type WorkflowSummary } from './schemas.ts';

const STORE_KEY = 'workflowPicker';
const MAX_RECENTS = 8;
const MAX_FAVOURITES = 200;
/** Scopes kept before the least recently used is dropped, so old keys do not pile up. */
const MAX_SCOPES = 20;

const workflowRefSchema = z.object({ id: z.string(), name: z.string() });
export type WorkflowRef = z.infer<typeof workflowRefSchema>;

/** Favourite and recent workflows of one key, newest recent first. */
export const workflowPicksSchema = z.object({
  favourites: z.array(workflowRefSchema),
  recents: z.array(workflowRefSchema.extend({ usedAt: z.string() })),
});
export type WorkflowPicks = z.infer<typeof workflowPicksSchema>;

const scopeSchema = workflowPicksSchema.extend({
  list: z.object({ savedAt: z.string(), workflows: z.array(workflowSummarySchema) }).optional(),
  touchedAt: z.string(),
});
type Scope = z.infer<typeof scopeSchema>;

/**
 * Creates the picker's memory, kept in the app's settings store per scope: the last full
 * workflow list (for offline use), favourites and recents. A scope names one server and key by
 * base URL and the key's last four characters, never by the key.
 */
export function createWorkflowPickerStore(
  store: KeyValueStore,
  now: () => Date = () => new Date(),
) {
  function readAll(): Record<string, Scope> {
    const saved = store.get(STORE_KEY);
    if (typeof saved !== 'object' || saved === null) return {};
    const scopes: Record<string, Scope> = {};
    for (const [name, value] of Object.entries(saved)) {
      // A scope written by another version, or edited by hand, is dropped rather than trusted.
      const parsed = scopeSchema.safeParse(value);
      if (parsed.success) scopes[name] = parsed.data;
    }
    return scopes;
  }

  function update(scope: string, change: (current: Scope) => Scope): Scope {
    const scopes = readAll();
    const current = scopes[scope] ?? { favourites: [], recents: [], touchedAt: '' };
    scopes[scope] = { ...change(current), touchedAt: now().toISOString() };
    const kept = Object.entries(scopes)
      .sort(([, first], [, second]) => second.touchedAt.localeCompare(first.touchedAt))
      .slice(0, MAX_SCOPES);
    store.set(STORE_KEY, Object.fromEntries(kept));
    return scopes[scope];
  }

  function getPicks(scope: string): WorkflowPicks {
    const current = readAll()[scope];
    return { favourites: current?.favourites ?? [], recents: current?.recents ?? [] };
  }

  function saveList(scope: string, workflows: WorkflowSummary[]): void {
    update(scope, (current) => ({
      ...current,
      list: { savedAt: now().toISOString(), workflows },
    }));
  }

  function getList(scope: string) {
    return readAll()[scope]?.list;
  }

  function setFavourite(scope: string, workflow: WorkflowRef, isFavourite: boolean): WorkflowPicks {
    const next = update(scope, (current) => {
      const others = current.favourites.filter((favourite) => favourite.id !== workflow.id);
      const favourites = isFavourite ? [...others, workflow].slice(-MAX_FAVOURITES) : others;
      return { ...current, favourites };
    });
    return { favourites: next.favourites, recents: next.recents };
  }

  function addRecent(scope: string, workflow: WorkflowRef): WorkflowPicks {
    const next = update(scope, (current) => {
      const others = current.recents.filter((recent) => recent.id !== workflow.id);
      const recent = { id: workflow.id, name: workflow.name, usedAt: now().toISOString() };
      return { ...current, recents: [recent, ...others].slice(0, MAX_RECENTS) };
    });
    return { favourites: next.favourites, recents: next.recents };
  }

  return { getPicks, saveList, getList, setFavourite, addRecent };
}

export type WorkflowPickerStore = ReturnType<typeof createWorkflowPickerStore>;
