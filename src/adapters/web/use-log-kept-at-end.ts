import { useEffect, useRef, type MutableRef } from 'preact/hooks';

/** Closer than this to the end, the person is reading the newest messages. */
const AT_END_PX = 8;

export interface LogEndKeeper {
  /** The log is about to be scrolled elsewhere on purpose (a message being revealed). */
  release(): void;
}

/**
 * While the person reads the end of the log, keeps it there when the log or a message in it
 * changes size: an error, a reply strip or an upload appearing under the log shrinks it, and
 * without this the newest message (often the one the error is about) slides out of sight.
 */
export function useLogKeptAtEnd(logRef: MutableRef<HTMLElement | null>, shown: boolean): LogEndKeeper {
  const atEnd = useRef(true);
  /** A smooth scroll to a revealed message passes near the end on its way: its steps say nothing about the reader. */
  const released = useRef(false);

  useEffect(() => {
    const log = logRef.current;
    if (!shown || log === null) return undefined;
    let lastTop = log.scrollTop;
    const noteWhereRead = () => {
      const movedUp = log.scrollTop < lastTop;
      lastTop = log.scrollTop;
      if (released.current) return;
      // A scroll is reported a frame late: the log may have shrunk since (an error shown under it)
      // without having been kept at its end yet. Only a scroll up can take the reader away from it.
      const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight <= AT_END_PX;
      atEnd.current = nearEnd || (atEnd.current && !movedUp);
    };
    const takeBack = () => {
      released.current = false;
      noteWhereRead();
    };
    const keepAtEnd = () => {
      if (atEnd.current) log.scrollTop = log.scrollHeight;
    };
    const sizes = new ResizeObserver(keepAtEnd);
    const watchSizes = () => {
      sizes.disconnect();
      sizes.observe(log);
      for (const item of Array.from(log.children)) sizes.observe(item);
    };
    const items = new MutationObserver(watchSizes);
    watchSizes();
    items.observe(log, { childList: true });
    log.addEventListener('scroll', noteWhereRead, { passive: true });
    // The reveal's scroll ended, or the person scrolls by themselves.
    const takingBack = ['scrollend', 'wheel', 'touchstart', 'keydown'] as const;
    for (const type of takingBack) log.addEventListener(type, takeBack, { passive: true });
    return () => {
      log.removeEventListener('scroll', noteWhereRead);
      for (const type of takingBack) log.removeEventListener(type, takeBack);
      items.disconnect();
      sizes.disconnect();
    };
  }, [logRef, shown]);

  return {
    release: () => {
      atEnd.current = false;
      released.current = true;
    },
  };
}
