/**
 * `rel` attribute parsing.
 *
 * Google reads `rel` values separated by whitespace *or commas*, case-insensitively (`rel="UGC, nofollow"`).
 * `sponsored` and `ugc` are kinds of "not endorsed"; we keep the three flags separate, as the attribute
 * does, and a link is `nofollow` only when it says so (or the page says so: see applyPageNofollow).
 */

export interface RelFlags {
  rel: string[];
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
}

const SEPARATORS = /[\s,]+/;

/** Splits a rel attribute into lower-case tokens, de-duplicated, order kept. */
export function parseRelTokens(value: string | null | undefined): string[] {
  if (!value) return [];
  const seen = new Set<string>();
  for (const token of value.toLowerCase().split(SEPARATORS)) {
    if (token !== '') seen.add(token);
  }
  return [...seen];
}

export function relFlags(value: string | null | undefined): RelFlags {
  const rel = parseRelTokens(value);
  return {
    rel,
    nofollow: rel.includes('nofollow'),
    sponsored: rel.includes('sponsored'),
    ugc: rel.includes('ugc'),
  };
}

export interface RobotsDirectives {
  noindex: boolean;
  nofollow: boolean;
}

/**
 * Reads the directives of a `<meta name="robots">` content or an `X-Robots-Tag` header value.
 * `none` means `noindex, nofollow`. An `X-Robots-Tag` value may be scoped to a user agent
 * (`googlebot: nofollow`); scoped directives apply only when `agent` matches (we read `*`-scoped and
 * unscoped ones, and those for `agent` when given).
 */
export function parseRobotsDirectives(value: string | null | undefined, agent?: string): RobotsDirectives {
  const result: RobotsDirectives = { noindex: false, nofollow: false };
  if (!value) return result;
  for (const rawPart of value.split(',')) {
    let part = rawPart.trim().toLowerCase();
    const colon = part.indexOf(':');
    // `unavailable_after: date` has a colon in its value; a user-agent scope has no space before the colon.
    if (colon > 0 && !part.startsWith('unavailable_after') && !/\s/.test(part.slice(0, colon))) {
      const scope = part.slice(0, colon);
      if (scope !== '*' && scope !== 'robots' && scope !== agent?.toLowerCase()) continue;
      part = part.slice(colon + 1).trim();
    }
    for (const token of part.split(/\s+/)) {
      if (token === 'nofollow' || token === 'none') result.nofollow = true;
      if (token === 'noindex' || token === 'none') result.noindex = true;
    }
  }
  return result;
}
