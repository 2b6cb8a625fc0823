/**
 * What a capture of a page says about its links, decided from its HTTP status and robots/canonical facts.
 *
 * Order of the checks (the first that applies wins): no status (a loose HTML file) is a live page; 5xx, 429,
 * 304 and other non-final statuses are `unavailable` (a failed fetch proves nothing); 3xx `redirected`; 4xx
 * `gone`; then, for a 2xx page, `noindex` before `canonical-elsewhere` before `partial` (cut short) before
 * `live`.
 */
import { normalizeUrl } from '../url/normalize.ts';
import type { CapturedPage, CaptureState, LostReason } from './model.ts';

export function captureStateOf(page: CapturedPage): CaptureState {
  const status = page.status;
  if (status !== null) {
    if (status === 429 || status === 304 || status >= 500 || status < 200) return 'unavailable';
    if (status >= 300 && status < 400) return 'redirected';
    if (status >= 400) return 'gone';
  }
  if (page.noindex) return 'noindex';
  if (page.canonical && isCanonicalElsewhere(page.url, page.canonical)) return 'canonical-elsewhere';
  return page.truncated === true ? 'partial' : 'live';
}

/** The canonical names another URL (compared after normalisation; an unparsable canonical is ignored). */
export function isCanonicalElsewhere(url: string, canonical: string): boolean {
  const target = normalizeUrl(canonical);
  if (target === null) return false;
  return target !== (normalizeUrl(url) ?? url);
}

/** Links found in a capture in this state are recorded as sightings. */
export function recordsLinks(state: CaptureState): boolean {
  return (
    state === 'live' ||
    state === 'partial' ||
    state === 'redirected' ||
    state === 'noindex' ||
    state === 'canonical-elsewhere'
  );
}

/** Links found in a capture in this state count as live. */
export function countsLinks(state: CaptureState): boolean {
  return state === 'live' || state === 'partial' || state === 'redirected';
}

/** A capture in this state decides which links are lost (everything but `unavailable` and `partial`). */
export function isDecisive(state: CaptureState): boolean {
  return state !== 'unavailable' && state !== 'partial';
}

/** The lost reason a non-live capture gives every link it does not count; null for `live` (see lost.ts). */
export function pageLostReason(state: CaptureState): LostReason | null {
  switch (state) {
    case 'redirected':
      return 'page-redirected';
    case 'gone':
      return 'page-gone';
    case 'noindex':
      return 'noindex';
    case 'canonical-elsewhere':
      return 'canonical-elsewhere';
    default:
      return null;
  }
}
