import type { OlderMessagesControl } from '../use-older-messages';

interface Props {
  readonly older: OlderMessagesControl;
}

/** Above the chat log: a button for those who do not scroll, the loading line, or where the conversation begins. */
export function OlderMessagesBar({ older }: Props) {
  const { state } = older;
  return (
    <div class="chat__older">
      {state.kind === 'beginning' ? (
        <p class="chat__beginning">Beginning of the conversation</p>
      ) : state.kind === 'loading' ? (
        <p class="chat__loading" role="status">
          <span class="spinner" aria-hidden="true" /> Loading older messages…
        </p>
      ) : (
        <>
          <button type="button" class="button button--quiet" onClick={() => void older.load()}>
            Load older messages
          </button>
          {state.kind === 'failed' && (
            <p class="chat__older-error" role="alert">
              {state.error.message}
            </p>
          )}
        </>
      )}
    </div>
  );
}
