/**
 * Case-insensitive lookup of tag and attribute names straight from the tokenizer's buffer, without slicing
 * a string per name: the hot path of the extractor sees every tag and attribute of every page, and most of
 * them are of no interest. A name is found by (length, first letter) bucket, then compared char by char
 * with ASCII upper case folded to lower case (HTML names are ASCII case-insensitive).
 */

export interface NameEntry {
  /** Lower-case name. */
  readonly name: string;
  /** Its UTF-16 code units. */
  readonly codes: Uint16Array;
}

const MAX_LEN = 15;
const BUCKETS = (MAX_LEN + 1) * 32;

export class NameTable<T extends NameEntry> {
  private readonly buckets: (T[] | undefined)[] = new Array<T[] | undefined>(BUCKETS).fill(undefined);
  /** The entries' codes, bucket by bucket (kept apart from the entries so that reading them is monomorphic). */
  private readonly codes: (Uint16Array[] | undefined)[] = new Array<Uint16Array[] | undefined>(BUCKETS).fill(
    undefined,
  );

  constructor(entries: readonly T[]) {
    for (const entry of entries) {
      const key = bucketKey(entry.name.length, entry.codes[0] ?? 0);
      if (key < 0) throw new Error(`name not indexable: ${entry.name}`);
      const bucket = this.buckets[key];
      if (bucket) {
        bucket.push(entry);
        this.codes[key]!.push(entry.codes);
      } else {
        this.buckets[key] = [entry];
        this.codes[key] = [entry.codes];
      }
    }
  }

  /** The entry named by `text[from..to)` (any ASCII case), or undefined. */
  find(text: string, from: number, to: number): T | undefined {
    const length = to - from;
    const key = bucketKey(length, lower(text.charCodeAt(from)));
    if (key < 0) return undefined;
    const candidates = this.codes[key];
    if (candidates === undefined) return undefined;
    outer: for (let b = 0; b < candidates.length; b++) {
      const codes = candidates[b]!;
      for (let i = 1; i < length; i++) {
        if (lower(text.charCodeAt(from + i)) !== codes[i]) continue outer;
      }
      return this.buckets[key]![b];
    }
    return undefined;
  }
}

function bucketKey(length: number, first: number): number {
  if (length === 0 || length > MAX_LEN || first < 0x61 || first > 0x7a) return -1;
  return length * 32 + (first - 0x61);
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

export function nameCodes(name: string): Uint16Array {
  const codes = new Uint16Array(name.length);
  for (let i = 0; i < name.length; i++) codes[i] = name.charCodeAt(i);
  return codes;
}
