/**
 * Decompresses a gzip WARC (one member per record, as Common Crawl writes, or one member for the whole
 * file) as a stream of decompressed chunks, and recovers from damage without losing the good members
 * around it.
 *
 * Fast path: one zlib gunzip stream over the whole file (zlib continues across members by itself).
 * inflate runs on libuv's thread pool while the parser works on the main thread, and per-member streams
 * would cost more than inflating (a Common Crawl file has ~50,000 members).
 *
 * When that stream fails (bad deflate data, CRC mismatch, junk between members, a file cut short), the
 * output of zlib's failing call is lost and zlib cannot say where the bad member began. So we go back to
 * the last member start the parser confirmed (see member-index.ts), kept in a window of recent
 * compressed bytes, and decode member by member with exact boundaries (gzip-member.ts): good members are
 * delivered (bytes already delivered are not delivered twice), a bad one becomes a `gap` with a
 * `gzip-error` problem, and decoding resumes at the next member start. Past the damage the fast path
 * takes over again.
 */
import { createGunzip, type Gunzip } from 'node:zlib';
import { ByteWindow } from './byte-window.ts';
import { decodeMember, decodeMemberPrefix } from './gzip-member.ts';
import type { MemberIndex } from './member-index.ts';
import type { WarcProblem } from './types.ts';

export type InflateItem =
  /** The next decompressed bytes, continuing the previous ones. */
  | { kind: 'data'; bytes: Buffer }
  /** Decompressed bytes were lost here. Bytes before `validUpTo` came from members that checked out. */
  | { kind: 'gap'; problem: WarcProblem; validUpTo: number }
  /** End of input; `truncatedAt` is the compressed offset of a last member cut short. */
  | { kind: 'end'; truncatedAt: number | undefined };

export interface GunzipOptions {
  index: MemberIndex;
  /** The careful path inflates a member in one piece up to this size; bigger ones go to the stream. */
  maxMemberBytes: number;
}

/**
 * Tuned on the 2-core benchmark machine (bench/warc-read.ts). Every zlib call is a hand-off to the
 * thread pool costing tens of microseconds there, so calls are made big: output chunks of 512 KiB
 * (zlib's default 16 KiB costs ~30%) and input written in batches of 512 KiB (file streams deliver
 * 64 KiB). FEED_AHEAD compressed bytes stay queued so zlib never waits for the parser; QUEUE_LIMIT
 * decompressed bytes may wait for a slow consumer before zlib is paused.
 */
const CHUNK_SIZE = 512 * 1024;
const FEED_BATCH = 512 * 1024;
const FEED_AHEAD = 2 * 1024 * 1024;
const QUEUE_LIMIT = 8 * 1024 * 1024;

export async function* gunzipMembers(
  source: AsyncIterator<Buffer>,
  options: GunzipOptions,
): AsyncGenerator<InflateItem> {
  yield* new GunzipRun(source, options).run();
}

class GunzipRun {
  private readonly window = new ByteWindow();
  private readonly index: MemberIndex;
  private readonly maxMemberBytes: number;
  /** Compressed bytes kept behind the read position at most (a bound when no member start is known). */
  private readonly retainLimit: number;
  private sourceDone = false;
  /** Decompressed bytes delivered so far; stream offsets of later bytes continue from here. */
  private delivered = 0;
  private fast: FastInflater | null = null;
  private readonly out: InflateItem[] = [];
  private finished = false;
  /** A member the careful path could not hold; if the stream fails inside it, it is skipped. */
  private tooLargeAt = -1;

  constructor(
    private readonly source: AsyncIterator<Buffer>,
    options: GunzipOptions,
  ) {
    this.index = options.index;
    this.maxMemberBytes = options.maxMemberBytes;
    this.retainLimit = Math.max(options.maxMemberBytes, 8 * FEED_AHEAD);
  }

  async *run(): AsyncGenerator<InflateItem> {
    try {
      this.startFast(0, 0);
      while (!this.finished) {
        const fast = this.fast!;
        for (const chunk of fast.take()) this.deliver(chunk, fast.streamStart + fast.advance(chunk.length));
        if (fast.failed()) await this.recover(fast);
        else if (fast.ended) this.end(undefined);
        else {
          fast.feedUpTo(this.window, FEED_BATCH);
          if (!this.sourceDone && this.window.end - fast.consumed() < FEED_AHEAD) await this.readMore();
          else if (this.out.length === 0) await fast.progress();
        }
        while (this.out.length > 0) yield this.out.shift()!;
      }
    } finally {
      this.fast?.destroy();
      if (!this.sourceDone) await this.source.return?.();
    }
  }

  private async readMore(): Promise<void> {
    const next = await this.source.next();
    if (next.done) {
      this.sourceDone = true;
      this.fast?.feedUpTo(this.window, 0);
      this.fast?.finish();
      return;
    }
    const chunk = next.value;
    if (chunk.length === 0) return;
    this.index.scan(chunk, this.window.end);
    this.window.append(chunk);
    this.fast?.feedUpTo(this.window, FEED_BATCH);
    this.trimWindow();
  }

  /** Keeps the compressed bytes from the last member start the parser confirmed (bounded). */
  private trimWindow(): void {
    let keepFrom = this.index.restartPoint(this.delivered)?.file ?? this.window.start;
    if (this.fast) keepFrom = Math.min(keepFrom, this.fast.consumed(), this.fast.fed);
    this.window.dropBefore(Math.max(keepFrom, this.window.end - this.retainLimit));
  }

  /** Hands out decompressed bytes that start at stream offset `at`, minus any already delivered. */
  private deliver(bytes: Buffer, at: number): void {
    const end = at + bytes.length;
    if (end <= this.delivered) return;
    const fresh = at < this.delivered ? bytes.subarray(this.delivered - at) : bytes;
    this.delivered = end;
    this.out.push({ kind: 'data', bytes: fresh });
  }

  private startFast(file: number, stream: number): void {
    this.index.anchor(file, stream);
    const fast = new FastInflater(file, stream);
    this.fast = fast;
    fast.feedUpTo(this.window, 0);
    if (this.sourceDone) fast.finish();
  }

  private end(truncatedAt: number | undefined): void {
    this.out.push({ kind: 'end', truncatedAt });
    this.finished = true;
  }

  private async recover(fast: FastInflater): Promise<void> {
    const failedAt = fast.consumed();
    const why = fast.error?.message ?? 'data after a gzip member that is not gzip';
    fast.destroy();
    this.fast = null;
    const point = this.index.restartPoint(this.delivered);
    if (point !== undefined && point.file >= this.window.start && point.file !== this.tooLargeAt) {
      await this.careful(point.file, point.stream);
      return;
    }
    // No member to restart from (outside the window, or too large to check): skip to the next member.
    // Resume after the damaged member's start, not after where zlib failed: damaged deflate data can
    // run on into the next member before zlib notices (seen in tests), and that member is fine.
    const damageStart = point !== undefined && point.file === this.tooLargeAt ? point.file : failedAt;
    const next = await this.findMemberAfter(damageStart);
    this.gap(damageStart, next, `gzip data damaged (${why})`, point?.stream ?? 0);
    if (next === undefined) this.end(undefined);
    else await this.careful(next, this.delivered);
  }

  /** Decodes member by member from `file` (decompressing to stream offset `stream`). */
  private async careful(file: number, stream: number): Promise<void> {
    let pos = file;
    let at = stream;
    let validUpTo = stream;
    let bytes = this.window.slice(pos);
    let bytesStart = pos;
    for (;;) {
      if (pos >= this.window.end) {
        if (this.sourceDone) this.end(undefined);
        else this.startFast(pos, at);
        return;
      }
      if (pos - bytesStart >= bytes.length || bytesStart + bytes.length < this.window.end) {
        bytes = this.window.slice(pos);
        bytesStart = pos;
      }
      const result = decodeMember(bytes, pos - bytesStart, this.maxMemberBytes);
      if (result.kind === 'ok') {
        this.index.anchor(pos, at);
        this.deliver(result.data, at);
        at += result.data.length;
        validUpTo = at;
        pos = bytesStart + result.end;
        continue;
      }
      if (result.kind === 'incomplete') {
        if (!this.sourceDone) {
          this.startFast(pos, at);
          return;
        }
        this.index.anchor(pos, at);
        this.deliver(decodeMemberPrefix(bytes, pos - bytesStart, this.maxMemberBytes), at);
        this.end(pos);
        return;
      }
      if (result.kind === 'too-large') {
        this.tooLargeAt = pos;
        this.startFast(pos, at);
        return;
      }
      // Not gzip, or a damaged member: skip to the next member start.
      const next = await this.findMemberAfter(pos);
      const end = next ?? this.window.end;
      const padding = result.kind === 'not-gzip' && this.isZeroPadding(pos, end);
      if (!padding) {
        const message =
          result.kind === 'broken'
            ? `gzip member damaged (${result.message})`
            : `${end - pos} bytes that are not gzip data`;
        this.gap(pos, next, message, validUpTo);
        at = this.delivered;
      }
      if (next === undefined) {
        this.end(undefined);
        return;
      }
      pos = next;
    }
  }

  private gap(from: number, next: number | undefined, message: string, validUpTo: number): void {
    const to = next ?? this.window.end;
    const resumed = next === undefined ? 'nothing readable after it' : `resumed at byte ${next}`;
    const problem: WarcProblem = {
      kind: 'problem',
      reason: 'gzip-error',
      offset: from,
      offsetKind: 'file',
      streamOffset: validUpTo,
      message: `${message} at byte ${from}; ${resumed}`,
      bytes: Math.max(0, to - from),
    };
    this.out.push({ kind: 'gap', problem, validUpTo });
    // What was delivered past the last good member is void: later bytes are numbered from there.
    this.delivered = Math.min(this.delivered, validUpTo);
  }

  /** Zero bytes between members are padding (tape blocks), not damage; zlib accepts them too. */
  private isZeroPadding(from: number, to: number): boolean {
    if (to <= from || from < this.window.start) return false;
    const bytes = this.window.slice(from, Math.min(to, this.window.end));
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
    return true;
  }

  private async findMemberAfter(file: number): Promise<number | undefined> {
    for (;;) {
      const next = this.index.nextCandidateAfter(file);
      if (next !== undefined && next >= this.window.start) return next;
      if (this.sourceDone) return undefined;
      await this.readMore();
    }
  }
}

/** One zlib gunzip stream from a member start on, with its output queued for the parser. */
class FastInflater {
  private readonly z: Gunzip;
  private queue: Buffer[] = [];
  private queued = 0;
  private produced = 0;
  private wake: (() => void) | null = null;
  /** File offset up to which bytes were fed. */
  fed: number;
  error: Error | null = null;
  ended = false;

  constructor(
    readonly fileStart: number,
    readonly streamStart: number,
  ) {
    this.fed = fileStart;
    this.z = createGunzip({ chunkSize: CHUNK_SIZE });
    this.z.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      this.queued += chunk.length;
      if (this.queued > QUEUE_LIMIT) this.z.pause();
      this.notify();
    });
    this.z.on('error', (error: Error) => {
      this.error = error;
      this.notify();
    });
    this.z.on('end', () => {
      this.ended = true;
      this.notify();
    });
  }

  /**
   * Writes what the window holds beyond what was fed, once there is at least `batch` bytes of it or
   * zlib has nothing left to do (one big write instead of many small ones: fewer thread-pool calls).
   */
  feedUpTo(window: ByteWindow, batch: number): void {
    const waiting = window.end - this.fed;
    if (waiting <= 0 || (waiting < batch && this.consumed() < this.fed)) return;
    const bytes = window.slice(this.fed);
    this.fed = window.end;
    if (this.error === null && !this.ended) this.z.write(bytes);
  }

  finish(): void {
    if (this.error === null && !this.ended) this.z.end();
  }

  /** File offset up to which zlib has consumed input (exact between zlib calls). */
  consumed(): number {
    return this.fileStart + this.z.bytesWritten;
  }

  /** Stream offset (relative to `streamStart`) of the next `length` bytes taken. */
  advance(length: number): number {
    const at = this.produced;
    this.produced += length;
    return at;
  }

  take(): Buffer[] {
    const taken = this.queue;
    this.queue = [];
    this.queued = 0;
    if (this.z.isPaused() && this.error === null) this.z.resume();
    return taken;
  }

  /** zlib failed, or stopped before the end of what it was fed (bytes after a member that are not gzip). */
  failed(): boolean {
    return this.error !== null || (this.ended && this.consumed() < this.fed);
  }

  progress(): Promise<void> {
    if (this.queue.length > 0 || this.error !== null || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  destroy(): void {
    this.z.removeAllListeners();
    this.z.on('error', () => {}); // a late error from a stream we gave up on is of no interest
    this.z.destroy();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
