import {
  GatewayError,
  GatewayResult,
  InboxEvent,
  InboxEventStream,
  InboxStreamEnd,
} from '../../application/ports/home-server-gateway';
import { err, ok } from '../../domain/protocol/result';
import { BLOB_EVENT, INBOX_EVENT } from '../../domain/protocol/wire';
import { badResponse, errorFromFailedResponse, networkError } from './gateway-errors';
import { FetchFunction } from './gateway-options';
import { readBodyText } from './response-body';
import { ServerSentEventParser } from './server-sent-event-parser';

const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Inbox events are tiny; a longer line or event means the server is misbehaving. */
const MAX_EVENT_CHARS = 64 * 1024;

export interface InboxEventStreamRequest {
  readonly fetch: FetchFunction;
  /** Full URL of `/api/v1/inbox/events`. */
  readonly url: string;
  readonly session: string;
  readonly signal?: AbortSignal;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly now: () => number;
}

/**
 * `GET /inbox/events` read with fetch and the Authorization header (PROTOCOL §5: never a token in
 * the URL, so no EventSource). Resolves once the server answered: with the live stream on 200
 * text/event-stream, else with the server's error. Never reconnects by itself.
 */
export const openInboxEventStream = async (request: InboxEventStreamRequest): GatewayResult<InboxEventStream> => {
  const controller = new AbortController();
  const { signal } = request;
  const abort = (): void => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  if (signal?.aborted === true) controller.abort();
  const detach = (): void => signal?.removeEventListener('abort', abort);

  let timedOut = false;
  const connectTimer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.connectTimeoutMs);
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: 'GET',
      headers: { accept: 'text/event-stream', authorization: `Bearer ${request.session}` },
      signal: controller.signal,
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    clearTimeout(connectTimer);
    detach();
    return err(networkError(connectFailure(error, timedOut, signal)));
  }

  // A refusal's body is read under the same connect deadline: an error page cannot dribble forever.
  const refusal = await refusalOf(response, request.now, controller.signal);
  clearTimeout(connectTimer);
  if (refusal !== null) {
    controller.abort();
    detach();
    return err(refusal);
  }
  return ok(new FetchInboxEventStream(response.body as ReadableStream<Uint8Array>, controller, request, detach));
};

const connectFailure = (error: unknown, timedOut: boolean, signal: AbortSignal | undefined): string => {
  if (signal?.aborted === true) return 'aborted before the event stream opened';
  if (timedOut) return 'the event stream did not open in time';
  return error instanceof Error ? `could not open the event stream (${error.message})` : 'could not open the event stream';
};

/** null when the response is a usable event stream. */
const refusalOf = async (response: Response, now: () => number, signal: AbortSignal): Promise<GatewayError | null> => {
  if (!response.ok) {
    let text: string | null;
    try {
      const read = await readBodyText(response, MAX_ERROR_BODY_BYTES, signal);
      text = read.ok ? read.value : null;
    } catch (error) {
      return networkError(error instanceof Error ? error.message : 'connection lost', response.status);
    }
    return errorFromFailedResponse(
      {
        status: response.status,
        contentType: response.headers.get('content-type'),
        retryAfterHeader: response.headers.get('retry-after'),
        text,
      },
      now(),
    );
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!/^text\/event-stream\s*(;|$)/i.test(contentType.trim()) || response.body === null) {
    return badResponse(response.status, 'the answer is not an event stream');
  }
  return null;
};

/** The version of a `blob` event's `{"version":N}`, or null when the server sent anything else. */
const blobVersionOf = (data: string): number | null => {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== 'object' || parsed === null || !('version' in parsed)) return null;
    const { version } = parsed;
    return typeof version === 'number' && Number.isSafeInteger(version) && version > 0 ? version : null;
  } catch {
    return null;
  }
};

class FetchInboxEventStream implements InboxEventStream {
  readonly ended: Promise<InboxStreamEnd>;
  private settle: (end: InboxStreamEnd) => void = () => undefined;
  private readonly parser = new ServerSentEventParser(MAX_EVENT_CHARS);
  /** One decoder for the whole stream, so a character split across chunks survives. */
  private readonly decoder = new TextDecoder();
  private iterated = false;
  private idle = false;

  constructor(
    private readonly body: ReadableStream<Uint8Array>,
    private readonly controller: AbortController,
    private readonly request: InboxEventStreamRequest,
    private readonly detach: () => void,
  ) {
    this.ended = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  retryMs(): number | null {
    return this.parser.retryMs();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<InboxEvent, void, undefined> {
    if (this.iterated) throw new Error('an InboxEventStream can be iterated only once');
    this.iterated = true;
    const reader = this.body.getReader();
    // Stays null when the consumer leaves the loop early: that counts as aborting.
    let end: InboxStreamEnd | null = null;
    try {
      for (;;) {
        const chunk = await this.readWithIdleTimeout(reader);
        if ('end' in chunk) {
          end = chunk.end;
          break;
        }
        const parsed = this.parser.push(chunk.text);
        if (!parsed.ok) {
          end = { reason: 'failed', error: badResponse(200, 'the event stream sent an over-long line or event') };
          break;
        }
        for (const event of parsed.value) {
          if (event.type === INBOX_EVENT) yield { type: 'inbox', data: event.data, lastEventId: event.lastEventId };
          if (event.type === BLOB_EVENT) {
            const version = blobVersionOf(event.data);
            // A malformed announcement is only a missed hint: the next sync reads the blob anyway.
            if (version !== null) yield { type: 'blob', version };
          }
        }
      }
    } finally {
      this.controller.abort();
      this.detach();
      this.settle(end ?? { reason: 'aborted' });
    }
  }

  private async readWithIdleTimeout(
    reader: ReadableStreamDefaultReader<Uint8Array>,
  ): Promise<{ readonly text: string } | { readonly end: InboxStreamEnd }> {
    const idleTimer = setTimeout(() => {
      this.idle = true;
      this.controller.abort();
    }, this.request.idleTimeoutMs);
    try {
      const chunk = await reader.read();
      return chunk.done ? { end: { reason: 'closed' } } : { text: this.decoder.decode(chunk.value, { stream: true }) };
    } catch (error) {
      return { end: this.failureEnd(error) };
    } finally {
      clearTimeout(idleTimer);
    }
  }

  private failureEnd(error: unknown): InboxStreamEnd {
    if (this.request.signal?.aborted === true) return { reason: 'aborted' };
    if (this.idle) return { reason: 'failed', error: networkError('the event stream went silent') };
    const reason = error instanceof Error ? error.message : 'connection lost';
    return { reason: 'failed', error: networkError(`the event stream broke (${reason})`) };
  }
}
