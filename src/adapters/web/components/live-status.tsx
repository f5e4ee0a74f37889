interface Props {
  readonly message: string | null;
}

/** A polite live region for confirmations ("Password changed"). */
export function LiveStatus({ message }: Props) {
  return (
    <p role="status" class={message === null ? 'live-status live-status--empty' : 'live-status'}>
      {message}
    </p>
  );
}
