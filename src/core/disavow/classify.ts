/**
 * One line of a disavow file: blank, comment, entry, or invalid (with an error code and message).
 * DOMAIN.md: "one URL or one `domain:example.com` per line; `#` starts a comment line". Read strictly:
 *   - spaces and tabs around a line are ignored (invisible, and no reading of the rules makes them part of
 *     an entry); a line whose first other character is `#` is a comment;
 *   - a `#` after an entry, separated by blanks, is an `inline-comment` error: only whole-line comments are
 *     documented. A `#` inside a URL is its fragment (a warning, see below);
 *   - any other blank inside an entry is an error (two entries on a line, or a space to percent-encode), as
 *     is a control character (a lone CR, NUL...);
 *   - `domain:` must be written in lower case, as documented (`Domain:` is `domain-prefix-case`);
 *   - per-line warnings: a URL with a fragment (`url-fragment`), `domain:www.` (`domain-www`: it does not
 *     cover the bare domain). Warnings that compare lines (duplicates, URLs under a domain) are in warnings.ts.
 */
import { parseDomainValue } from './domain-entry.ts';
import type { DisavowEntry } from './entry.ts';
import type { DisavowErrorCode, DisavowWarningCode } from './problem.ts';
import { parseUrlValue } from './url-entry.ts';

export interface LineNote<C> {
  readonly code: C;
  readonly message: string;
}

export type EntryResult =
  | { readonly ok: true; readonly entry: DisavowEntry; readonly warnings: LineNote<DisavowWarningCode>[] }
  | ({ readonly ok: false } & LineNote<DisavowErrorCode>);

export type ClassifiedLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'comment' }
  | {
      readonly kind: 'entry';
      readonly entry: DisavowEntry;
      readonly warnings: LineNote<DisavowWarningCode>[];
    }
  | ({ readonly kind: 'invalid' } & LineNote<DisavowErrorCode>);

// C0 controls but tab, DEL, C1 controls.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

export function classifyLine(line: string): ClassifiedLine {
  const text = line.replace(/^[ \t]+|[ \t]+$/g, '');
  if (text === '') return { kind: 'blank' };
  if (text.startsWith('#')) return { kind: 'comment' };
  const result = parseEntry(text);
  if (result.ok) return { kind: 'entry', entry: result.entry, warnings: result.warnings };
  return { kind: 'invalid', code: result.code, message: result.message };
}

/**
 * One entry as it would be written on a line (no surrounding blanks): the normalised entry and its
 * warnings, or the error. The way to build entries from user or ledger values (`domain:${host}`, a URL).
 */
export function parseEntry(text: string): EntryResult {
  const fail = (code: DisavowErrorCode, message: string) => ({ ok: false, code, message }) as const;
  const control = CONTROL.exec(text);
  if (control) {
    const what = control[0] === '\r' ? 'a carriage return (CR) not followed by LF' : codePoint(control[0]);
    return fail('control-character', `the line contains ${what}; remove it`);
  }
  const blank = /\s/.exec(text);
  if (blank) {
    const before = text.slice(0, blank.index);
    const after = text.slice(blank.index).trimStart();
    if (after.startsWith('#') && before !== '') {
      return fail(
        'inline-comment',
        'a comment must be on a line of its own (starting with #); Google documents no comment after an entry',
      );
    }
    if (/^domain:$/i.test(before)) return fail('whitespace-in-entry', 'no space after "domain:"');
    const what = blank[0] === ' ' ? 'a space' : codePoint(blank[0]);
    return fail(
      'whitespace-in-entry',
      `the entry contains ${what}: write one entry per line (a space inside a URL is written %20)`,
    );
  }
  if (/^domain:/i.test(text)) {
    if (!text.startsWith('domain:')) {
      return fail('domain-prefix-case', `write "domain:" in lower case, as Google documents it`);
    }
    const result = parseDomainValue(text.slice('domain:'.length));
    if (!result.ok) return result;
    const warnings: LineNote<DisavowWarningCode>[] = [];
    const { domain } = result.entry;
    if (domain.startsWith('www.') && domain.split('.').length > 2) {
      const bare = domain.slice('www.'.length);
      warnings.push({
        code: 'domain-www',
        message: `domain:${domain} does not cover links from ${bare} itself; write domain:${bare} if you mean the whole site`,
      });
    }
    return { ok: true, entry: result.entry, warnings };
  }
  const result = parseUrlValue(text);
  if (!result.ok) return result;
  const warnings: LineNote<DisavowWarningCode>[] = [];
  if (result.entry.url.includes('#')) {
    warnings.push({
      code: 'url-fragment',
      message:
        'the URL has a #fragment; links point at pages, so it is probably pasted by accident (remove it)',
    });
  }
  return { ok: true, entry: result.entry, warnings };
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
