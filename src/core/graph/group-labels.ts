/**
 * Groups node labels by a key (a URL's host, a host's registrable domain), giving dense group ids in order
 * of first appearance. Together with `foldCsr` this turns a page graph into a host graph and a host graph
 * into a domain graph. Host and domain keys follow `core/url`: WHATWG host parsing and the Public Suffix
 * List through tldts (never splitting on dots by hand).
 */
import { registrableDomain, reverseHost } from '../url/host-keys.ts';
import { hostOf } from '../url/normalize.ts';
import type { Grouping } from './fold.ts';

export interface LabelGrouping extends Grouping {
  /** The key of each group, by group id. */
  readonly groupLabels: readonly string[];
}

export function groupLabels(labels: readonly string[], keyOf: (label: string) => string): LabelGrouping {
  const groupOf = new Uint32Array(labels.length);
  const ids = new Map<string, number>();
  const groupLabels: string[] = [];
  for (let v = 0; v < labels.length; v++) {
    const key = keyOf(labels[v]!);
    let id = ids.get(key);
    if (id === undefined) {
      id = groupLabels.length;
      ids.set(key, id);
      groupLabels.push(key);
    }
    groupOf[v] = id;
  }
  return { groupOf, groupCount: groupLabels.length, groupLabels };
}

/** The host of a page URL; a label that is not an absolute URL is its own host (kept, not lost). */
export function hostKeyOfUrl(url: string): string {
  return hostOf(url) ?? url;
}

/** The registrable domain of a host name (`www.example.co.uk` -> `example.co.uk`). */
export function domainKeyOfHost(host: string): string {
  return registrableDomain(host);
}

/** The registrable domain of a Common Crawl reversed host name (`com.example.www` -> `example.com`). */
export function domainKeyOfReversedHost(reversed: string): string {
  return registrableDomain(reverseHost(reversed));
}
