/**
 * Hash routing: `#/backlinks?target=example.com&scope=domain&dofollow=true`. The hash never reaches the
 * server, so `linkledger serve` needs no fallback route, and every view (page, target, filters, paging)
 * is a link one can bookmark or share.
 */
import { useMemo, useSyncExternalStore } from 'react';

export interface Route {
  /** The page id: `overview`, `backlinks`... (empty for `#/`). */
  page: string;
  params: URLSearchParams;
}

export type ParamPatch = Readonly<Record<string, string | null | undefined>>;

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const page = (q === -1 ? body : body.slice(0, q)).replace(/\/+$/, '');
  return { page, params: new URLSearchParams(q === -1 ? '' : body.slice(q + 1)) };
}

/** `#/page?params`; null, undefined and empty values are left out. */
export function hrefOf(page: string, params: URLSearchParams | ParamPatch): string {
  const search = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [name, value] of entries)
    if (value !== null && value !== undefined && value !== '') search.append(name, value);
  const query = search.toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === window.location.hash) return;
  if (options.replace) {
    // replaceState does not fire hashchange: tell the subscribers ourselves.
    window.history.replaceState(window.history.state, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = href;
}

/** Merges `patch` into the current route's parameters (null or '' removes one). */
export function updateParams(patch: ParamPatch, options: { replace?: boolean } = {}): void {
  const { page, params } = parseHash(window.location.hash);
  for (const [name, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') params.delete(name);
    else params.set(name, value);
  }
  navigate(hrefOf(page, params), options);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseHash(hash), [hash]);
}
