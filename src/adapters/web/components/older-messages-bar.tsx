import type { OlderMessagesControl } from '../use-older-messages';

interface Props {
  readonly older: OlderMessagesControl;
}

/**
 * Above the chat log: a button for those who do not scroll, the loading line, or where the conversation
 * begins; nothing where the whole conversation is shown and nothing older may be stored.
 */
export function OlderMessagesBar({ older }: Props) {
  const { state } = older;
  if (state.kind === 'none') return null;
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
          {(state.kind === 'more' || state.more) && (
            <button type="button" class="button button--quiet" onClick={() => void older.load()}>
              Load older messages
            </button>
          )}
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
