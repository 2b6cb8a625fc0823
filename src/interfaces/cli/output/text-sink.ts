/**
 * Buffered, back-pressure-aware writing to a stream (stdout or a file). Extraction can print millions of
 * lines: we batch small writes into ~64 KiB chunks and wait for 'drain' instead of letting Node buffer the
 * whole output in memory. A closed pipe (`linkledger extract x.warc | head`) ends the output quietly.
 */
import type { Writable } from 'node:stream';

export class TextSink {
  private buffer: string[] = [];
  private size = 0;
  private closed = false;

  constructor(
    private readonly stream: Writable,
    private readonly flushAt = 64 * 1024,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') this.closed = true;
      else throw error;
    });
  }

  /** True once the reader went away (EPIPE): callers may stop producing. */
  get isClosed(): boolean {
    return this.closed;
  }

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0 || this.closed) {
      this.buffer = [];
      this.size = 0;
      return;
    }
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
  }
}
