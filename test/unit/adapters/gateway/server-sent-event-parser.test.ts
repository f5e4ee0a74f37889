import fc from 'fast-check';
import { ServerSentEvent, ServerSentEventParser } from '../../../../src/adapters/gateway/server-sent-event-parser';

const parseAll = (chunks: readonly string[], maxChars = 10_000): ServerSentEvent[] => {
  const parser = new ServerSentEventParser(maxChars);
  const events: ServerSentEvent[] = [];
  for (const chunk of chunks) {
    const parsed = parser.push(chunk);
    if (!parsed.ok) throw new Error(parsed.error);
    events.push(...parsed.value);
  }
  return events;
};

const STREAM =
  ': heartbeat\n' +
  'event: inbox\ndata: {"id":"i1"}\nid: 7\n\n' +
  'event: inbox\r\ndata: line one\r\ndata:line two\r\n\r\n' +
  ': ping\r\r' +
  'data: plain message\r\rretry: 2500\n' +
  'event: inbox\ndata\n\n' +
  'event: ignored-without-data\n\n' +
  'event: inbox\ndata: not dispatched: no blank line at the end';

const EXPECTED: ServerSentEvent[] = [
  { type: 'inbox', data: '{"id":"i1"}', lastEventId: '7' },
  { type: 'inbox', data: 'line one\nline two', lastEventId: '7' },
  { type: 'message', data: 'plain message', lastEventId: '7' },
  { type: 'inbox', data: '', lastEventId: '7' },
];

describe('ServerSentEventParser', () => {
  it('parses events, data lines, ids, comments and every line ending', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('remembers the retry hint', () => {
    const parser = new ServerSentEventParser(1000);
    parser.push('retry: 2500\nretry: soon\n');
    expect(parser.retryMs()).toBe(2500);
  });

  it('gives the same events however the text is cut into chunks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 30 }), (cuts) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), STREAM.length];
        const chunks = bounds.slice(1).map((end, i) => STREAM.slice(bounds[i], end));
        expect(parseAll(chunks)).toEqual(EXPECTED);
      }),
    );
  });

  it('does not take a CR at a chunk end followed by LF as two line breaks', () => {
    expect(parseAll(['data: a\r', '\n', '\r', '\ndata: b\n\n'])).toEqual([
      { type: 'message', data: 'a', lastEventId: '' },
      { type: 'message', data: 'b', lastEventId: '' },
    ]);
  });

  it('strips only one leading space of a value and ignores ids with NUL', () => {
    expect(parseAll(['id: ok\ndata:  two spaces\n\nid: bad\0id\ndata: x\n\n'])).toEqual([
      { type: 'message', data: ' two spaces', lastEventId: 'ok' },
      { type: 'message', data: 'x', lastEventId: 'ok' },
    ]);
  });

  it('refuses a line or event longer than its limit', () => {
    const parser = new ServerSentEventParser(100);
    expect(parser.push('data: ' + 'x'.repeat(200)).ok).toBe(false);
    const growing = new ServerSentEventParser(100);
    const results = Array.from({ length: 10 }, () => growing.push('data: ' + 'y'.repeat(20) + '\n').ok);
    expect(results).toContain(false);
  });
});
