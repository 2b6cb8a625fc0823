/**
 * Validates and reads a disavow file from its bytes: the entries (normalised, in file order, duplicates
 * included), the errors (the file breaks a rule of DOMAIN.md's "Disavow file" paragraph, and Google would
 * reject it or misread a line), and the warnings (legal, probably a mistake). Lines: lines.ts; one line:
 * classify.ts; warnings across lines: warnings.ts. Pure; total on any bytes.
 */
import { classifyLine } from './classify.ts';
import type { DisavowEntry } from './entry.ts';
import { readFileLines } from './lines.ts';
import { byLine, type Problem } from './problem.ts';
import { crossLineWarnings, type NumberedEntry } from './warnings.ts';

export interface ParsedDisavow {
  readonly entries: DisavowEntry[];
  readonly errors: Problem[];
  readonly warnings: Problem[];
  /** Lines as Google counts them (blank and comment lines included). */
  readonly lineCount: number;
  readonly byteCount: number;
}

export function parseDisavow(bytes: Uint8Array): ParsedDisavow {
  const file = readFileLines(bytes);
  const errors: Problem[] = [...file.errors];
  const warnings: Problem[] = [];
  const numbered: NumberedEntry[] = [];
  for (const { number, text } of file.lines) {
    const line = classifyLine(text);
    if (line.kind === 'invalid') errors.push({ line: number, code: line.code, message: line.message });
    if (line.kind !== 'entry') continue;
    numbered.push({ line: number, entry: line.entry });
    for (const note of line.warnings) warnings.push({ line: number, ...note });
  }
  warnings.push(...crossLineWarnings(numbered));
  if (numbered.length === 0 && errors.length === 0) {
    warnings.push({
      line: 0,
      code: 'no-entries',
      message: 'the file has no entries: uploading it would withdraw every disavow of the site',
    });
  }
  return {
    entries: numbered.map((n) => n.entry),
    errors: byLine(errors),
    warnings: byLine(warnings),
    lineCount: file.lineCount,
    byteCount: file.byteCount,
  };
}
