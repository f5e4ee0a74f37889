import { utf8ByteLength } from '../../protocol/text-size';
import { canonicalJson } from '../canonical-json';
import { MessageRecord } from '../message';
import { OwnRecord } from '../own-record';

/** The tail's size as the seal threshold measures it: UTF-8 bytes of its canonical JSON. */
export const tailBytes = (tail: OwnRecord<MessageRecord>): number => utf8ByteLength(canonicalJson(tail));

/** What one entry adds to `tailBytes`: `"key":{…}` and its comma. */
export const tailEntryBytes = (key: string, message: MessageRecord): number =>
  utf8ByteLength(JSON.stringify(key)) + 1 + utf8ByteLength(canonicalJson(message)) + 1;
