interface Props {
  readonly count: number;
}

export function UnreadBadge({ count }: Props) {
  if (count === 0) return null;
  return (
    <span class="badge">
      {count > 99 ? '99+' : count}
      <span class="visually-hidden"> unread {count === 1 ? 'message' : 'messages'}</span>
    </span>
  );
}
