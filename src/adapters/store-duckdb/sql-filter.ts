/**
 * LinkFilter -> SQL WHERE clause with positional parameters. The same filter semantics as the memory store's
 * matchesFilter (the contract suite checks they agree). Target host/domain come first in the clause: they
 * are the selective, zonemap-friendly predicates once `optimize()` has clustered links by target.
 */
import type { LinkFilter } from '../../core/ledger/query.ts';

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

export function direction(order: 'asc' | 'desc'): string {
  return order === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
}
