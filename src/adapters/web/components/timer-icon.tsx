/** A small stopwatch drawn in the text colour (an emoji would depend on the device's fonts). */
export function TimerIcon() {
  return (
    <svg class="timer-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" stroke-width="1.6" />
      <path d="M8 9V5.5M6 1.5h4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
    </svg>
  );
}
