import { sentFileDescription } from './file-description';
import { MessageKind } from './message-kinds';

/*
 * What a stored message record is (PROTOCOL §11), without its body: the body stays in the record's
 * own `body` field, so a plain text message is stored exactly as before §11 (no `kind` at all).
 */

type WithoutBody<T> = T extends unknown ? Omit<T, 'body'> : never;

export type RecordKind = WithoutBody<MessageKind>;

interface Kinded {
  readonly kind?: RecordKind;
}

interface KindedWithBody extends Kinded {
  readonly body: string;
}

export const PLAIN_MESSAGE: RecordKind = { type: 'message' };

export const kindOfRecord = (record: Kinded): RecordKind => record.kind ?? PLAIN_MESSAGE;

/** The record's kind and body as message-effects reads them. */
export const messageKindOf = (record: KindedWithBody): MessageKind => {
  const kind = kindOfRecord(record);
  switch (kind.type) {
    case 'message':
    case 'edit':
      return { ...kind, body: record.body };
    default:
      return kind;
  }
};

/** Splits a parsed kind into the stored record's fields: no `kind` for a plain text message. */
export const storedKindOf = (kind: MessageKind): { readonly body: string; readonly kind?: RecordKind } => {
  switch (kind.type) {
    case 'message': {
      const { body, ...rest } = kind;
      return Object.keys(rest).length === 1 ? { body } : { body, kind: rest };
    }
    case 'edit': {
      const { body, ...rest } = kind;
      return { body, kind: rest };
    }
    default:
      return { body: '', kind };
  }
};

/** Records that count as unread news: messages, also of a type this client does not know (a timer notice does not). */
export const isNewsRecord = (record: Kinded): boolean => {
  const { type } = kindOfRecord(record);
  return type === 'message' || type === 'unsupported';
};

/** The fields a record travels with besides type, id, seq and sentAt (§11). */
export const wireFieldsOf = (record: KindedWithBody): Record<string, unknown> => {
  const kind = kindOfRecord(record);
  switch (kind.type) {
    case 'message':
      return { ...kind, ...(kind.files === undefined ? {} : { files: kind.files.map(sentFileDescription) }), body: record.body };
    case 'edit':
      return { ...kind, body: record.body };
    case 'timer':
      return kind.expiresIn === null ? { type: kind.type } : { ...kind };
    case 'unsupported':
      // Never composed here: a record of a type this client does not know is never sent on.
      return { type: kind.originalType };
    default:
      return { ...kind };
  }
};
