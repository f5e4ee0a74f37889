import { Component, type ComponentChildren } from 'preact';

interface Props {
  /** What shows instead of children that failed to render. */
  readonly fallback: (error: unknown) => ComponentChildren;
  readonly children: ComponentChildren;
}

interface State {
  readonly error: unknown;
  readonly failed: boolean;
}

/**
 * Keeps a render failure where it happened: one record a peer made unrenderable (a value no
 * formatter accepts, stored in the blob before peers' values were bounded) shows the fallback
 * instead of blanking the app on every login and device.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false };

  static override getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown): void {
    // Reported to the console for whoever debugs; the value may be peer text, so nothing else sees it.
    console.error('A part of the page could not be shown', error);
  }

  override render() {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}
