/**
 * The most recent compressed bytes of the input, kept so that decoding can restart at an earlier gzip
 * member after damage. Chunks are kept as read (no copy); only `slice` across chunks copies.
 */

export class ByteWindow {
  private chunks: Buffer[] = [];
  /** File offset of chunks[0][0]. */
  private first = 0;
  /** File offset just past the last byte appended. */
  end = 0;

  /** File offset of the oldest byte still held. */
  get start(): number {
    return this.first;
  }

  get size(): number {
    return this.end - this.first;
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.end += chunk.length;
  }

  /** Forgets whole chunks that end at or before `offset`. */
  dropBefore(offset: number): void {
    let dropped = 0;
    let first = this.first;
    while (dropped < this.chunks.length - 1 && first + this.chunks[dropped]!.length <= offset) {
      first += this.chunks[dropped]!.length;
      dropped++;
    }
    if (dropped > 0) {
      this.chunks.splice(0, dropped);
      this.first = first;
    }
  }

  /** Bytes [from, to) as one buffer; both must lie inside the window. */
  slice(from: number, to = this.end): Buffer {
    if (from < this.first || to > this.end || from > to) {
      throw new RangeError(`window holds [${this.first}, ${this.end}), asked for [${from}, ${to})`);
    }
    const parts: Buffer[] = [];
    let offset = this.first;
    for (const chunk of this.chunks) {
      const chunkEnd = offset + chunk.length;
      if (chunkEnd > from && offset < to) {
        parts.push(chunk.subarray(Math.max(0, from - offset), Math.min(chunk.length, to - offset)));
      }
      offset = chunkEnd;
      if (offset >= to) break;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}
