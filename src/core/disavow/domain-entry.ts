/**
 * The value of a `domain:` line. DOMAIN.md: "one URL or one `domain:example.com` per line ... no subpaths
 * (`example.com/en/` cannot be disavowed as a prefix)". So the value must be a host name and nothing else:
 * no scheme, path, query, port or wildcard (each its own error code, since each is a different mistake),
 * no IP address (not a domain name; disavow its URLs instead), at least two labels, no final dot.
 *
 * Normalisation: the WHATWG URL host parser (lower case, IDNA to punycode: `bücher.de` ->
 * `xn--bcher-kva.de`). Before it, ASCII characters other than letters, digits, `.`, `-` and `_` are refused,
 * so that the WHATWG parser's leniencies (percent-decoding, `!` or `$` in hosts) cannot turn an odd line
 * into a valid-looking entry; after it, every label must be 1-63 letters, digits, `-` (not at an end) or `_`
 * (seen in real subdomains), 253 characters in all.
 */
import type { DisavowEntry } from './entry.ts';
import type { DisavowErrorCode } from './problem.ts';

export type ValueResult<E extends DisavowEntry> =
  | { readonly ok: true; readonly entry: E }
  | { readonly ok: false; readonly code: DisavowErrorCode; readonly message: string };

type DomainEntry = Extract<DisavowEntry, { kind: 'domain' }>;

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

export function parseDomainValue(value: string): ValueResult<DomainEntry> {
  const fail = (code: DisavowErrorCode, message: string) => ({ ok: false, code, message }) as const;
  if (value === '') return fail('bad-domain', 'domain: needs a host name, e.g. domain:example.com');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  if (scheme) {
    return fail(
      'domain-with-scheme',
      `domain: takes a host name without "${scheme[0]}" (write domain:${hostPart(value.slice(scheme[0].length))})`,
    );
  }
  if (value.includes('*')) {
    return fail(
      'domain-wildcard',
      `wildcards are not supported in domain: entries (write domain:${value.replace(/^(?:\*\.)+/, '')} for the domain)`,
    );
  }
  if (/[/?#\\]/.test(value)) {
    return fail(
      'domain-with-path',
      `domain: takes a host name only; a path cannot be disavowed as a prefix (write domain:${hostPart(value)} for the whole domain, or list the URLs one per line)`,
    );
  }
  if (value.startsWith('[')) return fail('bad-domain', notIp(value));
  if (value.includes('@')) return fail('bad-domain', `"${value}" is not a host name (it contains "@")`);
  if (value.includes(':')) {
    return fail(
      'domain-with-port',
      `domain: takes a host name without a port (write domain:${hostPart(value)})`,
    );
  }
  const odd = /[^A-Za-z0-9._\-\u0080-\u{10FFFF}]/u.exec(value);
  if (odd) return fail('bad-domain', `"${odd[0]}" is not allowed in a host name`);
  if (value.endsWith('.'))
    return fail('bad-domain', `remove the final dot (write domain:${value.slice(0, -1)})`);
  let host: string;
  try {
    host = new URL(`http://${value}/`).hostname;
  } catch {
    return fail('bad-domain', `"${value}" is not a valid host name`);
  }
  if (IPV4.test(host)) return fail('bad-domain', notIp(value));
  const labels = host.split('.');
  if (labels.length < 2) {
    return fail('bad-domain', `"${value}" is not a domain name (it has no dot; e.g. domain:example.com)`);
  }
  if (host.length > 253 || !labels.every((label) => LABEL.test(label))) {
    return fail('bad-domain', `"${value}" is not a valid host name`);
  }
  return { ok: true, entry: { kind: 'domain', domain: host } };
}

/** What precedes the first `/`, `?`, `#`, `\` or `:` (for "write domain:..." hints). */
function hostPart(value: string): string {
  return value.split(/[/?#\\:]/, 1)[0] ?? '';
}

function notIp(value: string): string {
  return `"${value}" is an IP address, not a domain name; disavow its URLs instead`;
}
