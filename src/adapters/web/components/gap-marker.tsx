interface Props {
  readonly direction: 'in' | 'out';
}

/** PROTOCOL §4.2: a skipped sequence number is shown, never hidden. */
export function GapMarker({ direction }: Props) {
  return (
    <li class="gap">
      {/* The note inside the item: a list may hold only list items. */}
      <span role="note">{direction === 'in' ? 'A message from them may be missing here.' : 'A message you sent may be missing here.'}</span>
    </li>
  );
}
