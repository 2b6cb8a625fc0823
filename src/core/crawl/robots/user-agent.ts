/**
 * User-agent product tokens, as RFC 9309 and Google's parser read them. A crawler is matched by its
 * product token only: the leading run of `[a-zA-Z_-]` of its User-Agent string
 * (`linkledger/0.1 (+https://...)` -> `linkledger`), compared case-insensitively. A `User-agent:` line in
 * robots.txt is read the same way (`User-agent: Googlebot/2.1` is a group for `googlebot`), except `*`
 * (alone, or followed by whitespace and anything: Google's leniency), which is the group for everyone else.
 */

/** The leading product token (`[a-zA-Z_-]*`) of a user-agent string; may be empty. */
export function productToken(userAgent: string): string {
  let end = 0;
  while (end < userAgent.length) {
    const c = userAgent.charCodeAt(end);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letter && c !== 45 /* - */ && c !== 95 /* _ */) break;
    end++;
  }
  return userAgent.slice(0, end);
}

/** Whether a crawler's own token is one robots.txt groups can name: non-empty, only `[a-zA-Z_-]`. */
export function isValidUserAgentToObey(token: string): boolean {
  return token.length > 0 && productToken(token) === token;
}

const ASCII_SPACE = /^[ \t\n\v\f\r]$/;

/**
 * What a `User-agent:` line's value (already trimmed) names: `*` for the global group, a lower-case product
 * token, or null when it has no product token (no crawler can match it).
 */
export function groupAgentOf(value: string): string | null {
  if (value[0] === '*' && (value.length === 1 || ASCII_SPACE.test(value[1]!))) return '*';
  const token = productToken(value);
  return token === '' ? null : token.toLowerCase();
}
