import { isObjectId } from '../../protocol/object-id';
import { IndexRef } from './index-page';
import { PageFriendRange, PageRef } from './page-ref';
import { hasOnlyMembers, isJsonObject, ListsEvery } from './strict-json';

const PAGE_REF_MEMBERS = ['id', 'messages', 'bytes', 'friends'] as const;
export const PAGE_REF_MEMBERS_LISTED: ListsEvery<PageRef, (typeof PAGE_REF_MEMBERS)[number]> = true;
const INDEX_REF_MEMBERS = [...PAGE_REF_MEMBERS, 'pages'] as const;
export const INDEX_REF_MEMBERS_LISTED: ListsEvery<IndexRef, (typeof INDEX_REF_MEMBERS)[number]> = true;
const RANGE_MEMBERS = ['messages', 'firstSentAt', 'lastSentAt'] as const;
export const RANGE_MEMBERS_LISTED: ListsEvery<PageFriendRange, (typeof RANGE_MEMBERS)[number]> = true;

export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
export const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isFriendRange = (value: unknown): value is PageFriendRange =>
  isJsonObject(value) &&
  hasOnlyMembers(value, RANGE_MEMBERS) &&
  isCount(value.messages) &&
  value.messages >= 1 &&
  isTime(value.firstSentAt) &&
  isTime(value.lastSentAt) &&
  value.firstSentAt <= value.lastSentAt;

const hasRefFields = (value: Record<string, unknown>): boolean =>
  isObjectId(value.id) && isCount(value.messages) && isCount(value.bytes) && isJsonObject(value.friends) && Object.values(value.friends).every(isFriendRange);

export const isPageRef = (value: unknown): value is PageRef => isJsonObject(value) && hasOnlyMembers(value, PAGE_REF_MEMBERS) && hasRefFields(value);

export const isIndexRef = (value: unknown): value is IndexRef =>
  isJsonObject(value) && hasOnlyMembers(value, INDEX_REF_MEMBERS) && hasRefFields(value) && isCount(value.pages);
