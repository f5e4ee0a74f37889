import { useEffect, useRef, useState } from 'preact/hooks';
import type { FileView } from '../../../application/client/messenger';
import type { FileSink } from '../../../application/ports/file-sink';
import { percentText } from '../../../application/client/files/file-size-text';
import { explainError } from '../error-messages';
import type { DownloadFile } from './file-attachments';

/** Types every browser shows in an <img>; anything else is offered only as a download. */
const VIEWABLE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export const isViewablePicture = (file: FileView): boolean => VIEWABLE_TYPES.has(file.type);

/** Keeps the checked chunks as a Blob of the picture's own type, which `onClose` hands on. */
class PictureSink implements FileSink {
  private parts: Blob[] = [];

  constructor(
    private readonly type: string,
    private readonly onDone: (picture: Blob) => void,
  ) {}

  write(plaintext: Uint8Array): Promise<void> {
    this.parts.push(new Blob([plaintext as Uint8Array<ArrayBuffer>]));
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.onDone(new Blob(this.parts, { type: this.type }));
    this.parts = [];
    return Promise.resolve();
  }

  abort(): Promise<void> {
    this.parts = [];
    return Promise.resolve();
  }
}

type PictureState =
  | { readonly kind: 'loading'; readonly done: number; readonly total: number }
  | { readonly kind: 'shown'; readonly url: string }
  | { readonly kind: 'broken' }
  | { readonly kind: 'failed'; readonly message: string };

interface Props {
  readonly file: FileView;
  readonly messageId: string;
  readonly index: number;
  readonly download: DownloadFile;
  readonly onClose: () => void;
}

/**
 * A picture of a message whole, scaled to fit the window, in the browser's modal dialog (focus stays
 * inside, Escape closes, focus returns to the preview after). Downloaded and checked as Download
 * does, but kept in memory only while the dialog is open: closing it stops the download and
 * revokes the picture's URL.
 */
export function PictureView({ file, messageId, index, download, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<PictureState>({ kind: 'loading', done: 0, total: file.size });

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    const stop = new AbortController();
    let url: string | null = null;
    const sink = new PictureSink(file.type, (picture) => {
      if (stop.signal.aborted) return;
      url = URL.createObjectURL(picture);
      setState({ kind: 'shown', url });
    });
    download(messageId, index, sink, (done, total) => !stop.signal.aborted && setState({ kind: 'loading', done, total }), stop.signal)
      .then((result) => {
        if (!stop.signal.aborted && result.kind === 'broken') setState({ kind: 'broken' });
      })
      .catch((error: unknown) => {
        if (!stop.signal.aborted) setState({ kind: 'failed', message: explainError(error, 'download').message });
      });
    return () => {
      stop.abort();
      if (url !== null) URL.revokeObjectURL(url);
      dialog?.close();
      opener?.focus();
    };
    // Once: the dialog shows the file it opened for, and the screen's `download` is made anew on each render.
  }, []);

  const closeOnBackdrop = (event: MouseEvent) => {
    // The dark area around the picture is the dialog or its stage; the picture and the bar are not.
    if (event.target === event.currentTarget || (event.target as HTMLElement).classList.contains('picture-view__stage')) onClose();
  };

  return (
    <dialog
      ref={ref}
      class="picture-view"
      aria-label={file.name}
      onClick={closeOnBackdrop}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div class="picture-view__bar">
        <span class="picture-view__name" dir="auto">
          {file.name}
        </span>
        <button type="button" class="button button--small" autofocus onClick={onClose}>
          Close
        </button>
      </div>
      <div class="picture-view__stage">
        {state.kind === 'shown' ? (
          <img class="picture-view__picture" src={state.url} alt={file.name} />
        ) : state.kind === 'loading' ? (
          <p class="picture-view__note" role="status">
            Downloading… {percentText(state.done, state.total)}
          </p>
        ) : (
          <p class="picture-view__note" role="alert">
            {state.kind === 'broken' ? 'This picture is broken (a part is missing or it does not match what was sent), so it cannot be shown.' : state.message}
          </p>
        )}
      </div>
    </dialog>
  );
}
