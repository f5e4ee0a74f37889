import type { ComponentChildren } from 'preact';
import { useFocusOnMount } from '../hooks';

interface Props {
  readonly children: ComponentChildren;
  /** Re-focus when this changes (a different chat in the same screen). */
  readonly focusKey?: unknown;
  readonly level?: 1 | 2;
}

/** A screen's title; takes focus when the screen appears so keyboard and screen-reader users land there. */
export function ScreenHeading({ children, focusKey, level = 1 }: Props) {
  const ref = useFocusOnMount<HTMLHeadingElement>(focusKey);
  return level === 1 ? (
    <h1 ref={ref} tabIndex={-1} class="screen-heading">
      {children}
    </h1>
  ) : (
    <h2 ref={ref} tabIndex={-1} class="screen-heading">
      {children}
    </h2>
  );
}
