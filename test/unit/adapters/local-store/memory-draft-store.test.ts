import { MemoryDraftStore } from '../../../../src/adapters/local-store/memory-draft-store';
import { DRAFT_STORE_CASES } from '../../../contract/ports/draft-store.contract';

describe('MemoryDraftStore (the DraftStore contract)', () => {
  let runs = 0;

  it.each(DRAFT_STORE_CASES.map((contractCase) => [contractCase.name, contractCase] as const))('%s', async (_name, contractCase) => {
    runs += 1;
    await contractCase.run(new MemoryDraftStore(), `case-${runs}@home.test`, `other-${runs}@home.test`);
  });
});
