import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * Chats whose prompt each signed-in session has shown in full, in memory only: which friends the
 * user has not verified is nothing to leave in the browser's storage, so a new sign-in explains once more.
 */
const shownInFull = new WeakMap<object, Set<string>>();

/** True the first time per session and friend (and remembers it). */
function firstSight(session: object, friend: string): boolean {
  const shown = shownInFull.get(session) ?? new Set<string>();
  shownInFull.set(session, shown);
  if (shown.has(friend)) return false;
  shown.add(friend);
  return true;
}

interface Props {
  /** Whose sign-in this is: the explanation opens once per session and friend. */
  readonly session: object;
  readonly friend: string;
  readonly onCompare: () => void;
}

/**
 * The prompt to compare safety numbers with a friend not verified yet: explained in full the first
 * time the chat shows it, then one line (the explanation and the button a click away; the header's
 * "Safety number" is always there) so that on a phone it does
 * not take the room of the messages at every visit. Warnings about a key that could not be checked
 * or has changed are not this prompt: they always show in full.
 */
export function SafetyNumberNotice({ session, friend, onCompare }: Props) {
  const [open, setOpen] = useState(() => firstSight(session, friend));
  const notice = useRef<HTMLDivElement>(null);
  const unfoldedByUser = useRef(false);
  useFoldWhenCut(notice, open && !unfoldedByUser.current, () => setOpen(false));
  return (
    <div ref={notice} class="chat__notice safety-notice" role="note" aria-label="Safety numbers not compared">
      <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary class="safety-notice__summary" onClick={() => (unfoldedByUser.current = true)}>
          Safety numbers not compared yet
        </summary>
        <p class="safety-notice__text">
          Until you compare them with {friend}, in person or on a call, a server you both use could sit between you and read along.
        </p>
        <button type="button" class="button" onClick={onCompare}>
          Compare safety numbers
        </button>
      </details>
    </div>
  );
}

/**
 * Folds the prompt to its summary line while `active` once the chat has no room for it all (a short
 * screen, an error notice under the log): cut mid-line, it hid how it went on. Opened again by the user, it scrolls within.
 */
function useFoldWhenCut(notice: { readonly current: HTMLElement | null }, active: boolean, fold: () => void): void {
  useLayoutEffect(() => {
    const element = notice.current;
    if (!active || element === null) return;
    const foldIfCut = () => {
      if (element.scrollHeight > element.clientHeight + 1) fold();
    };
    foldIfCut();
    const observer = new ResizeObserver(foldIfCut);
    observer.observe(element);
    return () => observer.disconnect();
  }, [active]);
}
