/**
 * One robots.txt line read as a `key: value` directive, the way Google's parser reads it:
 *   - `#` starts a comment anywhere on the line;
 *   - key and value are separated by the first `:`, or (Google only) by whitespace when the line has no
 *     `:` and exactly two words (`disallow /`);
 *   - key and value are trimmed of ASCII whitespace; an empty key makes the line unparseable;
 *   - keys are matched case-insensitively by prefix, with the typos Google accepts: `useragent`,
 *     `user agent`; `dissallow`, `dissalow`, `disalow`, `diasllow`, `disallaw`; `site-map`.
 *     `crawl-delay` is ours (Google ignores it; Bing and Yandex read it).
 */

export type DirectiveKey = 'user-agent' | 'allow' | 'disallow' | 'sitemap' | 'crawl-delay' | 'unknown';

export interface Directive {
  readonly key: DirectiveKey;
  /** The key as written (trimmed). */
  readonly rawKey: string;
  /** The value, trimmed; not yet escaped. */
  readonly value: string;
}

const ASCII_WHITESPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

function trimAscii(s: string): string {
  return s.replace(ASCII_WHITESPACE, '');
}

const KEY_PREFIXES: readonly (readonly [DirectiveKey, readonly string[]])[] = [
  ['user-agent', ['user-agent', 'useragent', 'user agent']],
  ['allow', ['allow']],
  ['disallow', ['disallow', 'dissallow', 'dissalow', 'disalow', 'diasllow', 'disallaw']],
  ['sitemap', ['sitemap', 'site-map']],
  ['crawl-delay', ['crawl-delay']],
];

/** What a (trimmed) key names; Google compares prefixes, so `Disallowed` is `disallow`. */
export function directiveKeyOf(rawKey: string): DirectiveKey {
  // ASCII-only case folding, as Google's: `İ` or the Kelvin sign must not fold to a letter of a key.
  const key = rawKey.slice(0, 11).replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
  for (const [name, prefixes] of KEY_PREFIXES) {
    if (prefixes.some((p) => key.startsWith(p))) return name;
  }
  return 'unknown';
}

/** The directive on a line, or null for a blank, comment-only or unparseable line. */
export function parseDirective(line: string): Directive | null {
  const hash = line.indexOf('#');
  const text = trimAscii(hash === -1 ? line : line.slice(0, hash));
  let sep = text.indexOf(':');
  if (sep === -1) {
    // Google-specific: a missing colon is accepted when whitespace separates exactly two words.
    const space = text.search(/[ \t]/);
    if (space === -1) return null;
    const rest = text.slice(space).replace(/^[ \t]+/, '');
    if (/[ \t]/.test(rest)) return null;
    sep = space;
  }
  const rawKey = trimAscii(text.slice(0, sep));
  if (rawKey === '') return null;
  return { key: directiveKeyOf(rawKey), rawKey, value: trimAscii(text.slice(sep + 1)) };
}
