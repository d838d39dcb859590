import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Tells whether focus was lost: the browser puts it on the page's body when the focused element
 * goes, and a focused button that becomes disabled loses it the same way.
 */
export function isFocusLost(): boolean {
  const active = document.activeElement;
  if (active === null || active === document.body) return true;
  return active instanceof HTMLElement && active.matches(':disabled');
}

/**
 * Focuses the first candidate that is in the document, rendered (not inside a `hidden` view) and
 * not disabled. Returns whether focus moved.
 */
export function focusFirstAvailable(candidates: readonly (Element | null | undefined)[]): boolean {
  for (const candidate of candidates) {
    if (!(candidate instanceof HTMLElement) || !candidate.isConnected) continue;
    if (candidate.getClientRects().length === 0) continue;
    if (candidate.matches(':disabled')) continue;
    candidate.focus();
    if (document.activeElement === candidate) return true;
  }
  return false;
}

/**
 * Focuses `element` when it appears while focus is lost, such as an Undo button that replaces the
 * Delete button the user pressed. Pass it as the element's `ref`.
 */
export function focusWhenFocusLost(element: HTMLElement | null): void {
  if (element && isFocusLost()) focusFirstAvailable([element]);
}

/**
 * Returns focus to the element that had it when the component mounted, such as the button that
 * opened a form, when the component unmounts while it has focus or after focus was lost. So a
 * keyboard user whose Cancel or Save button disappears is not sent back to the top of the page.
 */
export function useReturnFocusOnUnmount(containerRef: RefObject<HTMLElement | null>): void {
  // Read during the first render, before an autofocused field inside the component takes focus.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  useLayoutEffect(() => {
    const container = containerRef.current;
    return () => {
      const active = document.activeElement;
      const hadFocus = isFocusLost() || (container !== null && container.contains(active));
      if (hadFocus && opener !== document.body) focusFirstAvailable([opener]);
    };
  }, [containerRef, opener]);
}
