/** The §11 fields of a plain message nobody edited, deleted, quoted or reacted to, as a conversation shows it. */
export const PLAIN_MESSAGE = {
  edited: false,
  editSending: false,
  deleted: false,
  replyTo: null,
  reactions: [],
  readByFriend: false,
  expiresIn: null,
  expiresAt: null,
  unsupported: false,
  files: [],
} as const;
