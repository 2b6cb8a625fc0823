/**
 * LinkFilter -> SQL WHERE clause with positional parameters. The same filter semantics as the memory store's
 * matchesFilter (the contract suite checks they agree). Target host/domain come first in the clause: they
 * are the selective, zonemap-friendly predicates once `optimize()` has clustered links by target.
 */
import { fastHostOf } from '../../core/ledger/keys.ts';
import type { LinkFilter } from '../../core/ledger/query.ts';
import { targetRestOf, targetSchemeOf } from './target-url.ts';

export type SqlParam = string | number | boolean;

export class Params {
  readonly values: SqlParam[] = [];
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  list(values: readonly SqlParam[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

export function whereOf(f: LinkFilter, params: Params, options: { ignoreStatus?: boolean } = {}): string {
  const t = f.target;
  const parts: string[] = [];
  switch (t.scope) {
    case 'url':
      if (t.hosts.length > 0) parts.push(`target_host IN (${params.list(t.hosts)})`);
      // target_rest is stored (zonemaps prune on it, unlike the rebuilt target_url); both checks are needed.
      parts.push(`target_rest IN (${params.list(restsOf(t.values))})`);
      parts.push(`target_url IN (${params.list(t.values)})`);
      break;
    case 'prefix':
      if (t.hosts.length > 0) parts.push(`target_host IN (${params.list(t.hosts)})`);
      parts.push(`(${t.values.map((v) => `starts_with(target_url, ${params.add(v)})`).join(' OR ')})`);
      break;
    case 'host':
      parts.push(`target_host IN (${params.list(t.values)})`);
      break;
    case 'domain':
      parts.push(`target_domain IN (${params.list(t.values)})`);
      break;
  }
  if (!f.includeInternal) parts.push('source_domain <> target_domain');
  if (f.dofollowOnly) parts.push('followed');
  if (f.kinds !== null) parts.push(`kind IN (${params.list(f.kinds)})`);
  if (f.placements !== null) parts.push(`placement IN (${params.list(f.placements)})`);
  if (!options.ignoreStatus && f.status === 'live') parts.push('lost_at IS NULL');
  if (!options.ignoreStatus && f.status === 'lost') parts.push('lost_at IS NOT NULL');
  if (f.firstSeenSince !== null)
    parts.push(`first_seen >= epoch_ms(CAST(${params.add(f.firstSeenSince)} AS BIGINT))`);
  return parts.join(' AND ');
}

/**
 * The `target_rest` a link to each of `urls` has (target-url.ts): the URL after `scheme://host`, with the
 * host the ledger stores for it (fastHostOf, as `hosts` hints are), or the whole URL under scheme 0.
 */
function restsOf(urls: readonly string[]): string[] {
  const rests = new Set<string>();
  for (const url of urls) {
    const host = fastHostOf(url);
    rests.add(host === null ? url : targetRestOf(url, host, targetSchemeOf(url, host)));
  }
  return [...rests];
}

export function direction(order: 'asc' | 'desc'): string {
  return order === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
}
