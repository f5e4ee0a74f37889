import { err, ok, Result } from '../../protocol/result';
import { utf8ByteLength } from '../../protocol/text-size';
import { canonicalJson } from '../canonical-json';
import { keyOfMessage, MessageRecord } from '../message';
import { STORE_FORMAT } from './store-head';
import { hasOnlyMembers, isJsonObject, isStrictMessage, parseJson } from './strict-json';

/** The plaintext of a page object (§8.4): sealed messages, oldest first. */
export interface MessagePage {
  readonly format: typeof STORE_FORMAT;
  readonly kind: 'messages';
  readonly messages: readonly MessageRecord[];
}

export const messagePage = (messages: readonly MessageRecord[]): MessagePage => ({ format: STORE_FORMAT, kind: 'messages', messages });

/** Canonical JSON: two devices sealing the same messages write the same plaintext. */
export const serializeMessagePage = (page: MessagePage): string => canonicalJson(page);

export const messagePageBytes = (page: MessagePage): number => utf8ByteLength(serializeMessagePage(page));

const hasDistinctKeys = (messages: readonly MessageRecord[]): boolean => new Set(messages.map(keyOfMessage)).size === messages.length;

const isMessagePage = (page: unknown): page is MessagePage =>
  isJsonObject(page) &&
  hasOnlyMembers(page, ['format', 'kind', 'messages']) &&
  page.format === STORE_FORMAT &&
  page.kind === 'messages' &&
  Array.isArray(page.messages) &&
  page.messages.every(isStrictMessage) &&
  hasDistinctKeys(page.messages);

export const parseMessagePage = (text: string): Result<MessagePage, 'store/malformed-page'> => {
  const parsed = parseJson(text);
  return parsed.ok && isMessagePage(parsed.value) ? ok(parsed.value) : err('store/malformed-page');
};
