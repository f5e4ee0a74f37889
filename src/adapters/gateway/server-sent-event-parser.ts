import { err, ok, Result } from '../../domain/protocol/result';

export interface ServerSentEvent {
  /** The `event` field, 'message' when the server sent none. */
  readonly type: string;
  readonly data: string;
  readonly lastEventId: string;
}

const LF = 10;
const CR = 13;

/**
 * Incremental text/event-stream parser (WHATWG HTML "Interpreting an event stream"): lines end in
 * CRLF, LF or CR, also when a chunk boundary splits the CRLF; `:` lines are comments (heartbeats);
 * an event is dispatched at a blank line and only if it carried data. Feed it decoded text in any
 * chunking. `maxChars` bounds a line and an event's data, so a hostile server cannot grow them
 * without end.
 */
export class ServerSentEventParser {
  private pending = '';
  private skipLeadingLf = false;
  private eventType = '';
  private data = '';
  private lastEventId = '';
  private retry: number | null = null;

  constructor(private readonly maxChars: number) {}

  /** The last reconnection time the server asked for (`retry:` field), in ms. */
  retryMs(): number | null {
    return this.retry;
  }

  push(text: string): Result<ServerSentEvent[], 'too_long'> {
    let chunk = text;
    if (this.skipLeadingLf && chunk.length > 0) {
      if (chunk.charCodeAt(0) === LF) chunk = chunk.slice(1);
      this.skipLeadingLf = false;
    }
    const buffer = this.pending + chunk;
    const events: ServerSentEvent[] = [];
    let lineStart = 0;
    for (let i = 0; i < buffer.length; i++) {
      const unit = buffer.charCodeAt(i);
      if (unit !== LF && unit !== CR) continue;
      const line = buffer.slice(lineStart, i);
      if (unit === CR) {
        if (i + 1 === buffer.length) this.skipLeadingLf = true;
        else if (buffer.charCodeAt(i + 1) === LF) i++;
      }
      lineStart = i + 1;
      this.processLine(line, events);
      if (this.data.length > this.maxChars) return err('too_long');
    }
    this.pending = buffer.slice(lineStart);
    if (this.pending.length > this.maxChars) return err('too_long');
    return ok(events);
  }

  private processLine(line: string, events: ServerSentEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data += `${value}\n`;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(events: ServerSentEvent[]): void {
    const { data, eventType } = this;
    this.data = '';
    this.eventType = '';
    if (data === '') return;
    events.push({ type: eventType === '' ? 'message' : eventType, data: data.slice(0, -1), lastEventId: this.lastEventId });
  }
}
