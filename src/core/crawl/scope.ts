/**
 * Which URLs a crawl follows (see settings.ts for the scopes). Pure: a compiled scope answers
 * `follows(url, depth)` for every discovered link, so it is built once per crawl.
 */
import { UsageError } from '../errors.ts';
import { registrableDomain } from '../url/host-keys.ts';
import { isWebUrl } from '../url/normalize.ts';
import type { CrawlSettings } from './settings.ts';

export type ScopeVerdict = 'follow' | 'out-of-scope' | 'too-deep' | 'excluded' | 'not-included' | 'not-web';

export interface CrawlScopeRules {
  /** Whether a link found at `depth - 1` to `url` is followed at `depth`. */
  verdict(url: string, depth: number): ScopeVerdict;
}

export function compileScope(
  settings: Pick<CrawlSettings, 'seeds' | 'scope' | 'include' | 'exclude' | 'maxDepth'>,
): CrawlScopeRules {
  const include = settings.include.map((p) => pattern(p, '--include'));
  const exclude = settings.exclude.map((p) => pattern(p, '--exclude'));
  const seedHosts = new Set<string>();
  const seedDomains = new Set<string>();
  for (const seed of settings.seeds) {
    const host = new URL(seed).hostname;
    seedHosts.add(siteKey(host));
    seedDomains.add(registrableDomain(host));
  }
  const inScope = (host: string): boolean => {
    switch (settings.scope) {
      case 'page':
        return false;
      case 'site':
        return seedHosts.has(siteKey(host));
      case 'domain':
        return seedDomains.has(registrableDomain(host));
      case 'discover':
        return true;
    }
  };
  return {
    verdict(url, depth) {
      if (!isWebUrl(url)) return 'not-web';
      if (settings.maxDepth !== null && depth > settings.maxDepth) return 'too-deep';
      if (!inScope(new URL(url).hostname)) return 'out-of-scope';
      if (exclude.some((re) => re.test(url))) return 'excluded';
      if (include.length > 0 && !include.some((re) => re.test(url))) return 'not-included';
      return 'follow';
    },
  };
}

/** A host's site key: `www.` is the same site as the bare host. */
export function siteKey(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

function pattern(source: string, flag: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new UsageError(`${flag} ${JSON.stringify(source)} is not a valid regular expression`, {
      cause: error,
    });
  }
}
