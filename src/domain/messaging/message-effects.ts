import { FileDescription } from './file-description';
import { MessageKind } from './message-kinds';

/*
 * How §11's edits, deletes, reactions and receipts change what a conversation shows. Each is stored as
 * its own record, keyed by id like every message, so devices merge them as a plain union; what the
 * user sees is derived here from the whole set. The result does not depend on the order records
 * arrived in: an edit whose target comes later simply applies once the target is there.
 */

export interface KindedRecord {
  readonly id: string;
  /** 'out': written by this account; 'in': by the friend. The author of a record is its direction. */
  readonly direction: 'in' | 'out';
  /** Per direction, from 1 (§4.2): orders one author's records. */
  readonly seq: number;
  readonly sentAt: number;
  readonly kind: MessageKind;
}

export interface ShownMessage {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly seq: number;
  readonly sentAt: number;
  /** The latest edit's body, or the original. Empty once deleted. */
  readonly body: string;
  readonly edited: boolean;
  readonly deleted: boolean;
  readonly replyTo?: string;
  readonly expiresIn?: number;
  /** Gone once deleted (their objects can then be released). */
  readonly files: readonly FileDescription[];
  /** By author ('in' or 'out'): at most one each. */
  readonly reactions: Readonly<Partial<Record<'in' | 'out', string>>>;
  /** For own messages: whether the friend's receipts name it. */
  readonly readByFriend: boolean;
  /** A type this client does not know: shown as "unsupported message". */
  readonly unsupported: boolean;
}

const later = (a: KindedRecord, b: KindedRecord | undefined): boolean => b === undefined || a.seq > b.seq || (a.seq === b.seq && a.id > b.id);

type Author = 'in' | 'out';
/** Ids are chosen by each side, so one id may exist in both directions: records are keyed by both. */
const keyOf = (direction: Author, id: string): string => `${direction}:${id}`;
const AUTHORS: readonly Author[] = ['in', 'out'];

/** The messages of one conversation as shown, in order (by sentAt, then direction and seq). */
export const showConversation = (records: readonly KindedRecord[]): ShownMessage[] => {
  const unique = new Map<string, KindedRecord>();
  for (const record of records) unique.set(keyOf(record.direction, record.id), record);
  const all = [...unique.values()];
  const shown = all.filter((record) => record.kind.type === 'message' || record.kind.type === 'unsupported');
  const byKey = new Map(shown.map((record) => [keyOf(record.direction, record.id), record] as const));
  const latestEdit = new Map<string, KindedRecord>();
  const deletedKeys = new Set<string>();
  const reactions = new Map<string, Map<Author, KindedRecord>>();
  const readByFriend = new Set<string>();
  const isMessage = (key: string): boolean => byKey.get(key)?.kind.type === 'message';

  for (const record of all) {
    const { kind } = record;
    if (kind.type === 'receipt') {
      if (record.direction === 'in') for (const id of kind.read) readByFriend.add(keyOf('out', id));
      continue;
    }
    if (kind.type === 'reaction') {
      for (const key of AUTHORS.map((author) => keyOf(author, kind.target)).filter(isMessage)) {
        const perAuthor = reactions.get(key) ?? new Map<Author, KindedRecord>();
        if (later(record, perAuthor.get(record.direction))) perAuthor.set(record.direction, record);
        reactions.set(key, perAuthor);
      }
      continue;
    }
    if (kind.type !== 'edit' && kind.type !== 'delete') continue;
    // Only the author may edit or delete a message (§11): the target is looked up among the sender's own.
    const key = keyOf(record.direction, kind.target);
    if (!isMessage(key)) continue;
    if (kind.type === 'delete') deletedKeys.add(key);
    else if (later(record, latestEdit.get(key))) latestEdit.set(key, record);
  }

  return [...shown]
    .sort((a, b) => a.sentAt - b.sentAt || a.direction.localeCompare(b.direction) || a.seq - b.seq)
    .map((record) => {
      const key = keyOf(record.direction, record.id);
      const { kind } = record;
      const deleted = deletedKeys.has(key);
      const edit = latestEdit.get(key)?.kind;
      const original = kind.type === 'message' ? kind : null;
      const reactionsShown: Partial<Record<Author, string>> = {};
      for (const [author, reaction] of reactions.get(key) ?? []) {
        if (reaction.kind.type === 'reaction' && reaction.kind.emoji !== '' && !deleted) reactionsShown[author] = reaction.kind.emoji;
      }
      return {
        id: record.id,
        direction: record.direction,
        seq: record.seq,
        sentAt: record.sentAt,
        body: deleted ? '' : edit?.type === 'edit' ? edit.body : (original?.body ?? ''),
        edited: !deleted && edit !== undefined,
        deleted,
        ...(original?.replyTo === undefined ? {} : { replyTo: original.replyTo }),
        ...(original?.expiresIn === undefined ? {} : { expiresIn: original.expiresIn }),
        files: deleted ? [] : (original?.files ?? []),
        reactions: reactionsShown,
        readByFriend: readByFriend.has(key),
        unsupported: kind.type === 'unsupported',
      };
    });
};
