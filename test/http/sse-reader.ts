/** Reads a text/event-stream response chunk by chunk, as a browser client does with fetch(). */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffered = '';

  constructor(response: Response) {
    if (!response.body) throw new Error('event stream without a body');
    this.reader = response.body.getReader();
  }

  /** Resolves with everything read so far once it contains `text`; rejects if the stream ends first. */
  async readUntil(text: string): Promise<string> {
    while (!this.buffered.includes(text)) {
      const { done, value } = await this.reader.read();
      if (done) throw new Error(`stream ended before ${JSON.stringify(text)}; got ${JSON.stringify(this.buffered)}`);
      this.buffered += this.decoder.decode(value, { stream: true });
    }
    const upTo = this.buffered.indexOf(text) + text.length;
    const consumed = this.buffered.slice(0, upTo);
    this.buffered = this.buffered.slice(upTo);
    return consumed;
  }

  /** True once the server ended the stream. */
  async ended(): Promise<boolean> {
    for (;;) {
      const { done } = await this.reader.read();
      if (done) return true;
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}
