/**
 * Header fields of a WARC record or an HTTP message: raw order kept, repeated names kept (HTTP has
 * several `Set-Cookie` or `Link` headers; WARC/1.1 repeats `WARC-Protocol`), lookups ignore case.
 *
 * Parallel arrays instead of a Map: a record has ~15 fields, a linear scan over pre-lowered names is
 * faster than building a Map for every one of the ~50,000 records of a Common Crawl file.
 */

export class HeaderFields implements Iterable<[name: string, value: string]> {
  private readonly names: string[];
  private readonly keys: string[];
  private readonly values: string[];

  constructor(entries: Iterable<readonly [string, string]> = []) {
    this.names = [];
    this.keys = [];
    this.values = [];
    for (const [name, value] of entries) this.append(name, value);
  }

  /** Number of fields, repeated ones counted each time. */
  get size(): number {
    return this.names.length;
  }

  append(name: string, value: string): void {
    this.names.push(name);
    this.keys.push(name.toLowerCase());
    this.values.push(value);
  }

  /** The first value of `name`, or undefined. */
  get(name: string): string | undefined {
    const key = name.toLowerCase();
    const index = this.keys.indexOf(key);
    return index === -1 ? undefined : this.values[index];
  }

  /** Every value of `name`, in file order. */
  getAll(name: string): string[] {
    const key = name.toLowerCase();
    const found: string[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === key) found.push(this.values[i]!);
    return found;
  }

  has(name: string): boolean {
    return this.keys.includes(name.toLowerCase());
  }

  /** `[name, value]` pairs with the names as written, in file order. */
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (let i = 0; i < this.names.length; i++) yield [this.names[i]!, this.values[i]!];
  }

  /** A plain object for logging and JSON: lower-case names, repeated values joined with `, `. */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      out[key] = key in out ? `${out[key]}, ${this.values[i]}` : this.values[i]!;
    }
    return out;
  }
}

export interface ParsedFields {
  fields: HeaderFields;
  /** Lines that were neither `name: value` nor a continuation; skipped. */
  malformedLines: number;
}

/**
 * Parses `name: value` lines (LF or CRLF endings). A line starting with a space or tab continues the
 * previous value (obsolete line folding, still found in old archives). Names and values are trimmed.
 */
export function parseFieldLines(lines: readonly string[], from = 0): ParsedFields {
  const fields = new HeaderFields();
  let malformedLines = 0;
  let lastName: string | null = null;
  let lastValue = '';
  for (let i = from; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && lastName !== null) {
      lastValue = `${lastValue} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      malformedLines++;
      continue;
    }
    if (lastName !== null) fields.append(lastName, lastValue);
    lastName = line.slice(0, colon).trim();
    lastValue = line.slice(colon + 1).trim();
  }
  if (lastName !== null) fields.append(lastName, lastValue);
  return { fields, malformedLines };
}

/**
 * Index just past the first empty line (`\n\n` or `\n\r\n`) at or after `from`, or -1 when `bytes` ends
 * before one. Jumps from line feed to line feed with `indexOf`: no per-byte loop on the hot path.
 */
export function findHeaderEnd(bytes: Uint8Array, from: number, to = bytes.length): number {
  let lf = bytes.indexOf(0x0a, from);
  while (lf !== -1 && lf < to) {
    const next = lf + 1;
    if (next < to && bytes[next] === 0x0a) return next + 1;
    if (next + 1 < to && bytes[next] === 0x0d && bytes[next + 1] === 0x0a) return next + 2;
    lf = bytes.indexOf(0x0a, next);
  }
  return -1;
}
