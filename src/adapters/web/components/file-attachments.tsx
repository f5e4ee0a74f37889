import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { FileSave, FileView, MessengerSession } from '../../../application/client/messenger';
import type { FileSink } from '../../../application/ports/file-sink';
import { MessengerError } from '../../../application/client/messenger';
import { explainError, type ExplainedError } from '../error-messages';
import { fileSizeText, percentText } from '../../../application/client/files/file-size-text';
import { openSaveSink } from '../file-save';
import { prepareFile } from '../picture-preparation';
import { isViewablePicture, PictureView } from './picture-view';
import { sessionUploads, type Upload } from '../session-uploads';

/**
 * Files being sent in this chat: each chosen, dropped or pasted set becomes one message, with a
 * progress line per file and a Cancel that stops between chunks and forgets the upload. Uploads
 * belong to the session (sessionUploads), so they go on while another chat is open, and one a
 * reload interrupted goes on after login, sending only what is missing. Pictures lose camera
 * details and location first unless `keepDetails`.
 */
export const useFileUploads = (session: MessengerSession, address: string, onError: (error: ExplainedError | null, friendServer: boolean) => void) => {
  const registry = sessionUploads(session);
  const [all, setAll] = useState<readonly Upload[]>(() => registry.current());
  const [keepDetails, setKeepDetails] = useState(false);
  const [removedNote, setRemovedNote] = useState<string | null>(null);
  const reportError = useRef(onError);
  reportError.current = onError;

  useEffect(() => {
    setAll(registry.current());
    return registry.onChange(() => setAll(registry.current()));
  }, [registry]);

  useEffect(
    () =>
      registry.onFailure((to, error) => {
        if (to !== address) return;
        // The note is about files sent: these were not.
        setRemovedNote(null);
        const explained = explainError(error, 'send-files');
        // The size limit is in the client's own words ("… the 100 MB your server lets you send").
        const message = error instanceof MessengerError && error.code === 'file_too_large' ? { ...explained, message: error.message } : explained;
        // Only a failure of a recorded message goes once no message is failed: files refused before one was recorded are in none.
        const failedMessage = error instanceof MessengerError && error.details.friend !== undefined && error.details.unrecorded !== true;
        reportError.current(message, failedMessage);
      }),
    [registry, address],
  );

  const send = async (chosen: readonly File[]): Promise<void> => {
    if (chosen.length === 0) return;
    onError(null, false);
    await registry.track(
      address,
      chosen.map((file) => ({ name: file.name, bytesDone: 0, bytesTotal: file.size })),
      async ({ onProgress, onWaiting, signal }) => {
        const prepared = await Promise.all(chosen.map((file) => prepareFile(file, keepDetails)));
        const removed = [...new Set(prepared.flatMap((file) => file.removed))];
        if (!signal.aborted) setRemovedNote(removed.length === 0 ? null : `Removed from your pictures before sending: ${removed.join(', ')}.`);
        await session.sendFiles(
          address,
          prepared.map((file) => file.file),
          onProgress,
          signal,
          onWaiting,
        );
      },
    );
  };

  const uploads = all.filter((upload) => upload.to === address);
  // The note is about the files last sent: a message sent after them, or their Cancel, ends it.
  const forgetRemovedNote = () => setRemovedNote(null);
  return { uploads, send, keepDetails, setKeepDetails, removedNote, forgetRemovedNote };
};

export type FileUploads = ReturnType<typeof useFileUploads>;

/** `ended`: the chat can never send again, so nothing offers to attach; the files still being sent stay in sight with their Cancel. */
export function AttachmentBar({ uploads, disabled, ended = false }: { readonly uploads: FileUploads; readonly disabled: boolean; readonly ended?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const noteId = useId();
  if (ended && uploads.uploads.length === 0) return null;
  return (
    <div class="attachments">
      {!ended && (
        <div class="attachments__controls">
          <button type="button" class="button button--small" disabled={disabled} onClick={() => input.current?.click()}>
            Attach files
          </button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            aria-label="Files to send"
            onChange={(event) => {
              const chosen = Array.from(event.currentTarget.files ?? []);
              event.currentTarget.value = '';
              void uploads.send(chosen);
            }}
          />
          <label class={disabled ? 'attachments__keep attachments__keep--disabled' : 'attachments__keep'}>
            <input
              type="checkbox"
              checked={uploads.keepDetails}
              disabled={disabled}
              aria-describedby={disabled ? undefined : noteId}
              onChange={(event) => uploads.setKeepDetails(event.currentTarget.checked)}
            />
            {/* On a phone the row has no room for "in pictures": next to "Attach files" it goes without saying, and screen readers still hear it. */}
            <span>
              Keep camera and location<span class="attachments__keep-more"> in pictures</span>
            </span>
          </label>
        </div>
      )}
      {/* Where nothing can be sent, a dropped or pasted file is ignored: not promised. */}
      {!disabled && !ended && (
        <p class={`attachments__note attachments__note--pictures${uploads.keepDetails ? ' attachments__note--keeping' : ''}`}>
          <span id={noteId}>
            {uploads.keepDetails
              ? 'Pictures are sent as they are, with any camera details and location in them.'
              : 'Camera details and location are removed from pictures before they are encrypted.'}
          </span>{' '}
          You can also drop files here or paste a picture.
        </p>
      )}
      {uploads.removedNote !== null && <p class="attachments__note" role="status">{uploads.removedNote}</p>}
      {uploads.uploads.length > 0 && (
        <ul class="attachments__uploads" aria-label="Files being sent">
          {uploads.uploads.map((upload) =>
            upload.files.map((file, index) => (
              <li key={`${upload.id}-${index}`} class="upload">
                <span class="upload__name" dir="auto" title={file.name}>
                  {file.name}
                </span>
                <progress class="upload__bar" max={Math.max(1, file.bytesTotal)} value={file.bytesDone} aria-label={`Sending ${file.name}`} />
                <span class="upload__text">
                  {fileSizeText(file.bytesDone)} of {fileSizeText(file.bytesTotal)} ({percentText(file.bytesDone, file.bytesTotal)})
                </span>
                {index === 0 && (
                  // In the first file's row, a plain "Cancel" read as stopping that file only.
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={upload.files.length > 1 ? `Cancel sending all ${upload.files.length} files` : undefined}
                    onClick={() => {
                      upload.controller.abort();
                      uploads.forgetRemovedNote();
                    }}
                  >
                    {upload.files.length > 1 ? 'Cancel all' : 'Cancel'}
                  </button>
                )}
                {index === 0 && upload.waiting !== null && (
                  <span class="upload__waiting" role="status">
                    {upload.waiting.server === 'own' ? 'Waiting for your server…' : `Waiting for ${upload.waiting.friend}’s server…`} Sending goes on when it answers.
                  </span>
                )}
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  );
}

type DownloadState = { readonly kind: 'idle' } | { readonly kind: 'loading'; readonly done: number; readonly total: number } | { readonly kind: 'broken' } | { readonly kind: 'failed'; readonly message: string };

/** Downloads a file of a message into a sink; the chat screen binds it to the session and the friend. */
export type DownloadFile = (messageId: string, fileIndex: number, sink: FileSink, onProgress: (done: number, total: number) => void, signal?: AbortSignal) => Promise<FileSave>;

function MessageFile({ file, messageId, index, download }: { readonly file: FileView; readonly messageId: string; readonly index: number; readonly download: DownloadFile }) {
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });
  const [viewing, setViewing] = useState(false);
  const start = () => {
    // The save picker first, while the click still counts as the user's gesture.
    openSaveSink(file.name)
      .then((sink) => {
        if (sink === null) return;
        setState({ kind: 'loading', done: 0, total: file.size });
        return download(messageId, index, sink, (done, total) => setState({ kind: 'loading', done, total })).then((result) =>
          setState(result.kind === 'broken' ? { kind: 'broken' } : { kind: 'idle' }),
        );
      })
      .catch((error: unknown) => setState({ kind: 'failed', message: explainError(error, 'download').message }));
  };
  return (
    <li class={`message-file${state.kind === 'broken' ? ' message-file--broken' : ''}`}>
      {file.thumbnail !== null && (
        <span class="message-file__picture">
          {isViewablePicture(file) ? (
            <button type="button" class="message-file__view" aria-label={`View ${file.name}`} onClick={() => setViewing(true)}>
              <img class="message-file__thumbnail" src={file.thumbnail} alt={`Preview of ${file.name}`} />
            </button>
          ) : (
            <img class="message-file__thumbnail" src={file.thumbnail} alt={`Preview of ${file.name}`} />
          )}
        </span>
      )}
      {viewing && <PictureView file={file} messageId={messageId} index={index} download={download} onClose={() => setViewing(false)} />}
      <span class="message-file__name" dir="auto">
        {file.name}
      </span>
      <span class="message-file__meta">
        {file.type === '' ? 'file' : file.type} · {fileSizeText(file.size)}
      </span>
      {state.kind === 'broken' ? (
        <span class="message-file__broken" role="alert">
          This file is broken (a part is missing or it does not match what was sent), so it was not saved.
        </span>
      ) : state.kind === 'loading' ? (
        <span class="message-file__progress" role="status">
          Downloading… {percentText(state.done, state.total)}
        </span>
      ) : state.kind === 'failed' ? (
        // Not broken: the bytes may all be there once the server answers again.
        <button type="button" class="button button--small" onClick={start} aria-label={`Try again to download ${file.name}`}>
          Try again
        </button>
      ) : (
        <button type="button" class="button button--small" onClick={start} aria-label={`Download ${file.name}`}>
          Download
        </button>
      )}
      {state.kind === 'failed' && (
        <span class="message-file__broken" role="alert">
          {state.message}
        </span>
      )}
    </li>
  );
}

export function MessageFiles({ files, messageId, download }: { readonly files: readonly FileView[]; readonly messageId: string; readonly download: DownloadFile }) {
  if (files.length === 0) return null;
  return (
    <ul class="message__files" aria-label="Files">
      {files.map((file, index) => (
        <MessageFile key={index} file={file} messageId={messageId} index={index} download={download} />
      ))}
    </ul>
  );
}
