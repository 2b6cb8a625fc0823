/**
 * Writes a disavow file: optional header comment lines (`# ...`), a blank line, then the entries in
 * canonical order (domains, then URLs, each sorted; duplicates once), LF line ends, a final LF, no byte
 * order mark. The output always validates with zero errors and parses back to the same entries: every
 * entry must already be normalised (made by parseEntry or parseDisavow), header lines must be single lines
 * without control characters, and the whole must fit Google's limits; anything else is refused with a
 * BadInputError naming the problem, never written.
 */
import { BadInputError } from '../errors.ts';
import { parseEntry } from './classify.ts';
import { canonicalEntries, type DisavowEntry, entryText } from './entry.ts';
import { count, DISAVOW_MAX_BYTES, DISAVOW_MAX_LINES } from './limits.ts';

export interface FormatOptions {
  /** Comment lines written first, each prefixed with `# ` (an empty one as `#`). */
  readonly header?: readonly string[];
}

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

export function formatDisavow(entries: readonly DisavowEntry[], options: FormatOptions = {}): string {
  const lines = (options.header ?? []).map(commentLine);
  const sorted = canonicalEntries(entries);
  for (const entry of sorted) assertNormalised(entry);
  if (lines.length > 0 && sorted.length > 0) lines.push('');
  for (const entry of sorted) lines.push(entryText(entry));
  const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  assertWithinLimits(lines.length, text);
  return text;
}

/** A header line as a comment line. */
export function commentLine(line: string): string {
  if (CONTROL.test(line)) {
    throw new BadInputError(
      `a disavow file comment cannot contain a line break or control character: ${JSON.stringify(line)}`,
    );
  }
  return line === '' ? '#' : `# ${line}`;
}

/** Throws unless the entry is valid and in normalised form (what the parser would return for its text). */
export function assertNormalised(entry: DisavowEntry): void {
  const text = entryText(entry);
  const parsed = parseEntry(text);
  if (!parsed.ok)
    throw new BadInputError(`cannot write ${JSON.stringify(text)} to a disavow file: ${parsed.message}`);
  const normal = entryText(parsed.entry);
  if (normal !== text || parsed.entry.kind !== entry.kind) {
    throw new BadInputError(
      `cannot write ${JSON.stringify(text)} to a disavow file: not in normalised form (${JSON.stringify(normal)})`,
    );
  }
}

export function assertWithinLimits(lineCount: number, text: string): void {
  if (lineCount > DISAVOW_MAX_LINES) {
    throw new BadInputError(
      `the disavow file would have ${count(lineCount)} lines; Google accepts at most ${count(DISAVOW_MAX_LINES)} (disavow whole domains to need fewer)`,
    );
  }
  const bytes = utf8Length(text);
  if (bytes > DISAVOW_MAX_BYTES) {
    throw new BadInputError(
      `the disavow file would be ${count(bytes)} bytes; Google accepts at most ${count(DISAVOW_MAX_BYTES)} (disavow whole domains to need fewer)`,
    );
  }
}

/** UTF-8 length of a string (lone surrogates count as the 3 bytes of U+FFFD, as TextEncoder writes them). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
