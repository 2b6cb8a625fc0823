/**
 * What the disavow validator reports. Errors are what Google's documented rules forbid (the file would be
 * rejected, or a line would not mean what its author thinks); warnings are legal lines that are probably
 * mistakes. Each problem has a stable code (for scripts and tests) and a message that says how to fix it.
 */

export type DisavowErrorCode =
  /** The file is over DISAVOW_MAX_BYTES. */
  | 'file-too-large'
  /** The file has more than DISAVOW_MAX_LINES lines. */
  | 'too-many-lines'
  /** Not UTF-8 (nor its subset 7-bit ASCII). */
  | 'bad-encoding'
  /** A control character (a lone CR, NUL...) inside a line. */
  | 'control-character'
  /** `#` after an entry: Google documents whole-line comments only. */
  | 'inline-comment'
  /** A space (or other blank) inside an entry: two entries on one line, or an unencoded space. */
  | 'whitespace-in-entry'
  /** `Domain:` or `DOMAIN:`: Google documents the lower-case `domain:` prefix only. */
  | 'domain-prefix-case'
  /** `domain:` followed by something that is not a host name (empty, an IP address, bad characters). */
  | 'bad-domain'
  | 'domain-with-scheme'
  /** `domain:example.com/en/`: Google cannot disavow a path prefix. */
  | 'domain-with-path'
  | 'domain-with-port'
  | 'domain-wildcard'
  /** No scheme: `example.com/page`, `/page`, `//example.com/`. */
  | 'relative-url'
  /** A scheme other than http and https (`ftp:`, `mailto:`). */
  | 'unsupported-scheme'
  /** Starts like an http(s) URL but does not parse as one. */
  | 'not-a-url'
  /** Over DISAVOW_MAX_URL_CHARS characters, as written or once normalised. */
  | 'url-too-long';

export type DisavowWarningCode =
  /** The same entry (after normalisation) as an earlier line. */
  | 'duplicate'
  /** A URL whose host is disavowed whole by a `domain:` line. */
  | 'covered-by-domain'
  /** `domain:www.example.com`: legal, but it does not cover `example.com`. */
  | 'domain-www'
  /** A URL with a `#fragment`: links point at pages, the fragment is probably pasted by accident. */
  | 'url-fragment'
  /** No entry at all: uploading the file would withdraw every disavow. */
  | 'no-entries'
  /** The file name does not end in `.txt`, which Google's upload form asks for. */
  | 'not-txt';

export type DisavowProblemCode = DisavowErrorCode | DisavowWarningCode;

export interface Problem<C extends DisavowProblemCode = DisavowProblemCode> {
  /** 1-based line number; 0 for the file as a whole. A limit is reported on the first line past it. */
  readonly line: number;
  readonly code: C;
  readonly message: string;
}

/** By line, then in the order they were found (Array.prototype.sort is stable). */
export function byLine<P extends Problem>(problems: readonly P[]): P[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
