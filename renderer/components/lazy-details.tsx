import { useState, type ReactNode } from 'react';

interface LazyDetailsProps {
  summary: ReactNode;
  isInitiallyOpen?: boolean;
  /** Called only while the section is open, so closed sections cost nothing. */
  children: () => ReactNode;
}

/** Renders a disclosure section whose content is built only while it is open, such as a large body. */
export function LazyDetails({ summary, isInitiallyOpen = false, children }: LazyDetailsProps) {
  const [isOpen, setIsOpen] = useState(isInitiallyOpen);
  return (
    <details open={isInitiallyOpen} onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {isOpen && children()}
    </details>
  );
}
