import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { InboxEvent, InboxEventStream } from '../../../../src/application/ports/home-server-gateway';
import { eventStream, FakeHomeServer, hang, json, problem, requireBearer, text } from './fake-home-server';
import { SESSION } from './wire-samples';

const EVENTS = '/api/v1/inbox/events';
const pause = { pauseMs: 15 };

const collect = async (stream: InboxEventStream, limit = Number.POSITIVE_INFINITY): Promise<InboxEvent[]> => {
  const events: InboxEvent[] = [];
  for await (const event of stream) {
    events.push(event);
    if (events.length >= limit) break;
  }
  return events;
};

const opened = async (gateway: FetchHomeServerGateway, signal?: AbortSignal): Promise<InboxEventStream> => {
  const result = await gateway.openInboxEvents(SESSION, signal);
  if (!result.ok) throw new Error(`stream refused: ${result.error.code}`);
  return result.value;
};

describe('inbox event stream (GET /inbox/events)', () => {
  let server: FakeHomeServer;
  let gateway: FetchHomeServerGateway;

  beforeEach(async () => {
    server = await FakeHomeServer.start();
    gateway = new FetchHomeServerGateway(server.authority, { allowHttp: true });
  });
  afterEach(() => server.close());

  it('yields inbox events written in pieces split mid-line and mid-CRLF, skipping heartbeats', async () => {
    server.route(
      'GET',
      EVENTS,
      requireBearer(
        SESSION,
        eventStream([
          ': connected\n\n',
          pause,
          'event: in',
          pause,
          'box\r',
          pause,
          '\ndata: {"id":',
          pause,
          '"i1"}\r\n',
          pause,
          '\r\n: heartbeat\n\nevent: other\ndata: x\n\nevent: inbox\nda',
          pause,
          'ta: 2\n\n',
          'end',
        ]),
      ),
    );
    const stream = await opened(gateway);
    expect(await collect(stream)).toEqual([
      { type: 'inbox', data: '{"id":"i1"}', lastEventId: '' },
      { type: 'inbox', data: '2', lastEventId: '' },
    ]);
    expect(await stream.ended).toEqual({ reason: 'closed' });
    expect(server.last('GET', EVENTS).headers.accept).toBe('text/event-stream');
  });

  it('yields blob events with their version and skips announcements that are not a positive integer version', async () => {
    const frames = ['{"version":7}', '{"version":-1}', '{"version":1.5}', '{"version":"8"}', 'not json', '{}', '{"version":9}'];
    server.route('GET', EVENTS, eventStream([...frames.map((data) => `event: blob\ndata: ${data}\n\n`), 'end']));
    expect(await collect(await opened(gateway))).toEqual([
      { type: 'blob', version: 7 },
      { type: 'blob', version: 9 },
    ]);
  });

  it('keeps a multi-byte character split across chunks intact', async () => {
    server.route('GET', EVENTS, async (request, response) => {
      const bytes = Buffer.from('event: inbox\ndata: ☃\n\n', 'utf8');
      const splitAt = bytes.indexOf(0xe2) + 1;
      await eventStream([])(request, response);
      response.write(bytes.subarray(0, splitAt));
      await new Promise((resolve) => setTimeout(resolve, 15));
      response.end(bytes.subarray(splitAt));
    });
    expect(await collect(await opened(gateway))).toEqual([{ type: 'inbox', data: '☃', lastEventId: '' }]);
  });

  it('stops when the caller aborts, and says so', async () => {
    server.route('GET', EVENTS, eventStream(['event: inbox\ndata: 1\n\n']));
    const controller = new AbortController();
    const stream = await opened(gateway, controller.signal);
    const events: InboxEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      controller.abort();
    }
    expect(events).toHaveLength(1);
    expect(await stream.ended).toEqual({ reason: 'aborted' });
  });

  it('counts leaving the loop early as aborting, and closes the connection', async () => {
    server.route('GET', EVENTS, eventStream(['event: inbox\ndata: 1\n\nevent: inbox\ndata: 2\n\n']));
    const stream = await opened(gateway);
    expect(await collect(stream, 1)).toHaveLength(1);
    expect(await stream.ended).toEqual({ reason: 'aborted' });
  });

  it('refuses to open when already aborted', async () => {
    server.route('GET', EVENTS, eventStream([]));
    const controller = new AbortController();
    controller.abort();
    const result = await gateway.openInboxEvents(SESSION, controller.signal);
    expect(!result.ok && result.error.code).toBe('network_error');
  });

  it('passes on the server refusing the stream as a GatewayError', async () => {
    server.route('GET', EVENTS, requireBearer(SESSION, eventStream([])));
    const refused = await gateway.openInboxEvents('wrong-token');
    expect(!refused.ok && refused.error).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('passes on a 429 with its Retry-After', async () => {
    server.route('GET', EVENTS, problem(429, 'rate_limited', {}, { 'retry-after': '12' }));
    const refused = await gateway.openInboxEvents(SESSION);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 12 });
  });

  it('refuses an answer that is not an event stream', async () => {
    server.route('GET', EVENTS, json(200, { items: [] }));
    const refused = await gateway.openInboxEvents(SESSION);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'bad_response', status: 200 });
  });

  it('gives up connecting after the connect timeout', async () => {
    server.route('GET', EVENTS, hang);
    const slow = new FetchHomeServerGateway(server.authority, { allowHttp: true, eventStreamConnectTimeoutMs: 100 });
    const refused = await slow.openInboxEvents(SESSION);
    expect(!refused.ok && refused.error.code).toBe('network_error');
  });

  it('ends a stream that goes silent past the idle timeout as failed', async () => {
    server.route('GET', EVENTS, eventStream(['event: inbox\ndata: 1\n\n']));
    const idle = new FetchHomeServerGateway(server.authority, { allowHttp: true, eventStreamIdleTimeoutMs: 150 });
    const stream = await opened(idle);
    expect(await collect(stream)).toHaveLength(1);
    expect(await stream.ended).toEqual({
      reason: 'failed',
      error: { code: 'network_error', status: null, detail: 'the event stream went silent' },
    });
  });

  it('ends as failed when the connection breaks', async () => {
    server.route('GET', EVENTS, async (request, response) => {
      await eventStream(['event: inbox\ndata: 1\n\n', pause])(request, response);
      response.destroy();
    });
    const stream = await opened(gateway);
    expect(await collect(stream)).toHaveLength(1);
    const ended = await stream.ended;
    expect(ended.reason === 'failed' && ended.error.code).toBe('network_error');
  });

  it('ends as failed on an endless line', async () => {
    server.route('GET', EVENTS, eventStream(['data: ', 'x'.repeat(70_000), pause, 'x'.repeat(70_000)]));
    const stream = await opened(gateway);
    expect(await collect(stream)).toEqual([]);
    const ended = await stream.ended;
    expect(ended.reason === 'failed' && ended.error.code).toBe('bad_response');
  });

  it('exposes the retry hint the server sent', async () => {
    server.route('GET', EVENTS, eventStream(['retry: 5000\n\n', 'end']));
    const stream = await opened(gateway);
    await collect(stream);
    expect(stream.retryMs()).toBe(5000);
  });

  it('can be iterated only once', async () => {
    server.route('GET', EVENTS, eventStream(['end']));
    const stream = await opened(gateway);
    await collect(stream);
    await expect(collect(stream)).rejects.toThrow('only once');
  });

  it('is not confused by a proxy error page', async () => {
    server.route('GET', EVENTS, text(503, '<html>down</html>', { 'content-type': 'text/html' }));
    const refused = await gateway.openInboxEvents(SESSION);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'network_error', status: 503 });
  });
});
