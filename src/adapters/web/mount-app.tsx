import { render } from 'preact';
import type { Messenger } from '../../application/client/messenger';
import { App } from './app';
import { AppFailure } from './components/app-failure';
import { ErrorBoundary } from './components/error-boundary';
import type { WebEnvironment } from './environment';

/** Renders the whole app into `root`, driving whichever Messenger it is given (the real client or a test fake). */
export function mountApp(root: HTMLElement, messenger: Messenger, environment: WebEnvironment): () => void {
  render(
    <ErrorBoundary fallback={() => <AppFailure />}>
      <App messenger={messenger} environment={environment} />
    </ErrorBoundary>,
    root,
  );
  return () => render(null, root);
}
