/** The last line of defence: a failure no inner boundary caught still leaves a way out. */
export function AppFailure() {
  return (
    <main class="auth" role="alert">
      <h1>Something went wrong</h1>
      <p>This page hit an error it could not recover from. Nothing you sent or received is lost: it is on your server.</p>
      <button type="button" class="button button--primary" onClick={() => window.location.reload()}>
        Reload
      </button>
    </main>
  );
}
