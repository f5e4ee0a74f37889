import { matchWords, queryWords, snippetAround } from '../../../../src/domain/messaging/word-match';

describe('word matching for search', () => {
  it('folds case and accents, written precomposed or with combining marks', () => {
    expect(queryWords('CAFÉ, Zürich!')).toEqual(['cafe', 'zurich']);
    expect(matchWords('un cafe\u0301 noir', queryWords('café'))).toEqual({ start: 3, length: 5 });
    expect(matchWords('ZURICH in May', queryWords('zürich'))).toEqual({ start: 0, length: 6 });
  });

  it('matches a word by its start only, and needs every query word', () => {
    expect(matchWords('the weather is grey', queryWords('ather'))).toBeNull();
    expect(matchWords('the weather is grey', queryWords('weath GR'))).toEqual({ start: 4, length: 7 });
    expect(matchWords('the weather is grey', queryWords('weather blue'))).toBeNull();
    expect(matchWords('anything', queryWords(' ... '))).toBeNull();
  });

  it('cuts a long text around the match with ellipses, keeping where the match is', () => {
    const text = `${'a'.repeat(100)} needle ${'b'.repeat(100)}`;
    const span = matchWords(text, queryWords('needle'));
    if (span === null) throw new Error('no match');
    const snippet = snippetAround(text, span);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.slice(snippet.match.start, snippet.match.start + snippet.match.length)).toBe('needle');
    expect(snippetAround('short needle', { start: 6, length: 6 })).toEqual({ text: 'short needle', match: { start: 6, length: 6 } });
  });
});
