/**
 * The text the tokenizer is reading, as the chunks given to `write()`. The tokenizer reports positions in
 * the whole document; a tag or attribute name, or an entity in a text, can start in an earlier chunk than
 * it ends, so earlier chunks are kept until no callback can point into them again.
 */
import { decodeHTMLAttribute } from 'entities/decode';
import type { NameEntry, NameTable } from './names.ts';

export class InputBuffer {
  private chunks: string[] = [];
  private starts: number[] = [];
  /** The last chunk written, and its position in the document. */
  cur = '';
  curStart = 0;
  private total = 0;

  append(text: string): void {
    this.chunks.push(text);
    this.starts.push(this.total);
    this.cur = text;
    this.curStart = this.total;
    this.total += text.length;
  }

  /**
   * Callbacks report positions in document order, so once one starts at `index`, no later one points
   * before it: chunks wholly before the current one can go.
   */
  /** Whether `release(index)` would drop chunks (positions before the current chunk stop being readable). */
  willRelease(index: number): boolean {
    return this.chunks.length > 1 && index >= this.curStart;
  }

  release(index: number): void {
    if (this.chunks.length > 1 && index >= this.curStart) {
      this.chunks = [this.cur];
      this.starts = [this.curStart];
    }
  }

  slice(start: number, end: number): string {
    if (start >= this.curStart) return this.cur.slice(start - this.curStart, end - this.curStart);
    let text = '';
    for (let k = 0; k < this.chunks.length; k++) {
      const chunk = this.chunks[k]!;
      const from = this.starts[k]!;
      if (from >= end) break;
      if (from + chunk.length <= start) continue;
      text += chunk.slice(Math.max(0, start - from), end - from);
    }
    return text;
  }

  /** An attribute value kept as a position: its text, character references decoded (HTML attribute rules). */
  attributeText(start: number, end: number): string {
    const raw = this.slice(start, end);
    return raw.includes('&') ? decodeHTMLAttribute(raw) : raw;
  }

  /** Looks up the name at [start, end) in a table, without making a string when it is in the last chunk. */
  find<T extends NameEntry>(table: NameTable<T>, start: number, end: number): T | undefined {
    const offset = this.curStart;
    return start >= offset
      ? table.find(this.cur, start - offset, end - offset)
      : table.find(this.slice(start, end), 0, end - start);
  }

  /** True when [start, end) spells `codes` (lower-case), in any ASCII case. */
  is(codes: Uint16Array, start: number, end: number): boolean {
    const length = end - start;
    if (length !== codes.length || start < this.curStart) return false;
    const text = this.cur;
    const from = start - this.curStart;
    for (let i = 0; i < length; i++) {
      let c = text.charCodeAt(from + i);
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if (c !== codes[i]) return false;
    }
    return true;
  }
}
