/** Expected failures of the client's messaging domain, as stable string codes. */
export type MessagingError =
  | 'address/invalid'
  | 'friend/unknown'
  | 'friend/not-active'
  /** Deleting the chat of someone who is still a friend (or asked to be one). */
  | 'friend/still-active'
  | 'friend/blocked'
  | 'friend/hard-stopped'
  | 'friend/already-established'
  | 'request/already-pending'
  | 'request/duplicate'
  | 'request/unknown'
  | 'request/not-pending'
  | 'request/identity-mismatch'
  | 'request/address-mismatch'
  | 'message/invalid'
  | 'message/seq-replayed'
  | 'blob/malformed';
