import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface ViewTab<Id extends string> {
  id: Id;
  label: string;
}

interface ViewTabsProps<Id extends string> {
  tabs: readonly ViewTab<Id>[];
  activeId: Id;
  onChange: (id: Id) => void;
}

/**
 * Renders the tabs that switch the main area between views. Arrow keys, Home and End move between
 * tabs as the WAI-ARIA tabs pattern describes, and Ctrl+1 to Ctrl+9 (Cmd on macOS) open a tab
 * from anywhere.
 */
export function ViewTabs<Id extends string>({ tabs, activeId, onChange }: ViewTabsProps<Id>) {
  const tabRefs = useRef(new Map<Id, HTMLButtonElement>());

  useEffect(() => {
    function handleShortcut(event: globalThis.KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const tab = tabs[Number(event.key) - 1];
      if (!tab) return;
      event.preventDefault();
      onChange(tab.id);
    }
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, [tabs, onChange]);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === activeId);
    const targets: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined) return;

    event.preventDefault();
    const tab = tabs[target]!;
    onChange(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  }

  return (
    <div className="view-tabs" role="tablist" aria-label="Views" onKeyDown={handleKeyDown}>
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(element) => {
            if (element) tabRefs.current.set(tab.id, element);
          }}
          type="button"
          role="tab"
          id={`view-tab-${tab.id}`}
          aria-selected={tab.id === activeId}
          aria-controls={`view-${tab.id}`}
          tabIndex={tab.id === activeId ? 0 : -1}
          title={`${tab.label} (Ctrl+${index + 1})`}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
