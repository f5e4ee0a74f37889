import fc from 'fast-check';
import { MessageRecord } from '../../../../../src/domain/messaging/message';
import { ForkLog } from '../../../../../src/domain/messaging/fork-log';
import { messagePage, messagePageBytes, MessagePage } from '../../../../../src/domain/messaging/store/message-page';
import { indexPage, indexRefOf } from '../../../../../src/domain/messaging/store/index-page';
import { pageRefOf } from '../../../../../src/domain/messaging/store/page-ref';
import { STORE_FORMAT, StoreHead } from '../../../../../src/domain/messaging/store/store-head';
import { blobDocument } from '../blob-arbitraries';
import { T0 } from '../builders';
import { message, objectIdFactory, STORE_KEY } from './store-builders';

const newId = objectIdFactory(500);
export const POOL_IDS = [newId(), newId(), newId(), newId()] as const;
export const INDEX_IDS = [newId(), newId()] as const;

/** Pages are immutable: one id always names the same content, across every head that references it. */
export type PagePool = ReadonlyMap<string, MessagePage>;

const pagedMessage: fc.Arbitrary<MessageRecord> = fc
  .record({ id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'), direction: fc.constantFrom('in' as const, 'out' as const), sentAt: fc.integer({ min: 0, max: 9 }) })
  .map(({ id, direction, sentAt }) => message({ id, direction, seq: Number(id.slice(1)), sentAt: T0 + sentAt, deliveredAt: direction === 'out' ? T0 : null }));

export const pagePool: fc.Arbitrary<PagePool> = fc
  .tuple(...POOL_IDS.map(() => fc.uniqueArray(pagedMessage, { maxLength: 4, selector: (m) => `${m.direction}:${m.id}` })))
  .map((pages) => new Map(pages.map((messages, index) => [POOL_IDS[index]!, messagePage(messages)] as const)));

const HASHES = ['A'.repeat(43), 'B'.repeat(43)];
const log: fc.Arbitrary<ForkLog> = fc.constantFrom<ForkLog>([], [[1, HASHES[0]!]], [[1, HASHES[1]!]], [[1, HASHES[0]!], [2, HASHES[1]!]]);

/** Heads sharing the pool's pages, tails and collections from the v1 arbitrary (whose small pools make keys collide). */
export const storeHead = (pool: PagePool): fc.Arbitrary<StoreHead> =>
  fc
    .record({
      doc: blobDocument,
      pages: fc.subarray([...POOL_IDS]),
      indexes: fc.subarray([0, 1]),
      released: fc.subarray([...POOL_IDS, ...INDEX_IDS], { maxLength: 2 }),
      releasedAt: fc.integer({ min: 0, max: 3 }),
      log,
    })
    .map(({ doc, pages, indexes, released, releasedAt, log: forkLog }) => {
      const refOf = (id: string) => pageRefOf(id, pool.get(id)!.messages, messagePageBytes(pool.get(id)!));
      const { messages, format: _v1, ...collections } = doc;
      return {
        ...collections,
        format: STORE_FORMAT,
        storeKey: STORE_KEY,
        tail: messages,
        pages: Object.fromEntries(
          pages.filter((id) => !released.includes(id)).map((id) => [id, refOf(id)] as const),
        ),
        indexes: Object.fromEntries(
          indexes
            .map((index) => indexRefOf(INDEX_IDS[index]!, indexPage([refOf(POOL_IDS[index]!), refOf(POOL_IDS[index + 2]!)])))
            .filter((ref) => !released.includes(ref.id))
            .map((ref) => [ref.id, ref] as const),
        ),
        releasedPages: Object.fromEntries(released.map((id) => [id, releasedAt] as const)),
        log: forkLog,
      };
    });

