import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface Props {
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly children: ComponentChildren;
}

/** A modal question (the browser's own dialog: focus stays inside, Escape cancels, focus returns after). */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, children }: Props) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <div id={`${id}-text`}>{children}</div>
      <div class="form-actions">
        <button type="button" class="button button--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        {/* The safe answer takes focus, so Enter pressed out of habit deletes nothing. */}
        <button type="button" class="button" autofocus onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
