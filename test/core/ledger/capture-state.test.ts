/** What a capture says about its links: statuses, robots and canonical (core/ledger/capture-state.ts). */
import { describe, expect, it } from 'vitest';
import { captureStateOf, isCanonicalElsewhere } from '../../../src/core/ledger/capture-state.ts';

const page = (status: number | null, extra: object = {}) => ({ url: 'https://a.org/x', status, ...extra });

describe('capture state', () => {
  it.each([
    [200, 'live'],
    [null, 'live'],
    [301, 'redirected'],
    [308, 'redirected'],
    [304, 'unavailable'],
    [404, 'gone'],
    [410, 'gone'],
    [429, 'unavailable'],
    [503, 'unavailable'],
    [101, 'unavailable'],
  ] as const)('status %s is %s', (status, state) => {
    expect(captureStateOf(page(status))).toBe(state);
  });

  it('reads noindex before canonical, and compares canonicals normalised', () => {
    expect(captureStateOf(page(200, { noindex: true, canonical: 'https://b.org/' }))).toBe('noindex');
    expect(captureStateOf(page(200, { canonical: 'https://b.org/' }))).toBe('canonical-elsewhere');
    expect(captureStateOf(page(200, { canonical: 'HTTPS://A.ORG/x#top' }))).toBe('live');
    expect(captureStateOf(page(200, { canonical: 'not a url' }))).toBe('live');
    expect(isCanonicalElsewhere('http://a.org/x', 'https://a.org/x')).toBe(true);
    expect(captureStateOf(page(404, { noindex: true }))).toBe('gone');
  });
});
