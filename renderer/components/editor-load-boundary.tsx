import { Component, type ReactNode } from 'react';

interface EditorLoadBoundaryProps {
  /** Shown instead of the children once they fail to load or render. */
  fallback: ReactNode;
  children: ReactNode;
}

interface EditorLoadBoundaryState {
  hasFailed: boolean;
}

/**
 * Catches a failure to load or start Monaco, such as a missing chunk file, and keeps the page
 * usable with the fallback instead of unmounting the whole app.
 */
export class EditorLoadBoundary extends Component<
  EditorLoadBoundaryProps,
  EditorLoadBoundaryState
> {
  override state: EditorLoadBoundaryState = { hasFailed: false };

  static getDerivedStateFromError(): EditorLoadBoundaryState {
    return { hasFailed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('The code editor failed to load; the plain text box is used instead.', error);
  }

  override render() {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}
