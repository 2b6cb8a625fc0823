/**
 * Shared analytics id: referring domains whose linking pages carry the same analytics or ad account, i.e.
 * one owner (the footprint that gives private blog networks away).
 *
 * Rule. Collect the ids on each referring domain's linking pages, normalised to the account they name:
 * Universal Analytics `UA-1234-5` -> `UA-1234` (the property number after the account varies per site of
 * one account), GA4 / Ads / Tag Manager ids (`G-`, `GT-`, `AW-`, `GTM-`) upper-cased, AdSense publisher
 * ids `pub-123` / `ca-pub-123` -> `ca-pub-123`. A group of at least `minDomains` distinct referring domains
 * sharing an id flags every link of its members.
 * Thresholds (config.analytics): minDomains 3 (two sites of one company sharing an account is normal);
 * severity 0.75 at 3 domains rising to 1 at 12.
 * Needs: `pages[].analyticsIds` (an empty list means the page was read and has none).
 */
import type { ToxicityConfig } from '../config.ts';
import type { Detector, DetectorOutcome, ToxicityView } from '../detector.ts';
import { othersText, sharedKeyFindings } from '../shared-groups.ts';

/** The account an analytics/ad id names (see the header), or null for an empty id. */
export function normalizeAnalyticsId(id: string): string | null {
  const text = id.trim();
  if (text === '') return null;
  const ua = /^UA-(\d+)-\d+$/i.exec(text);
  if (ua) return `UA-${ua[1]}`;
  const pub = /^(?:ca-)?pub-(\d+)$/i.exec(text);
  if (pub) return `ca-pub-${pub[1]}`;
  return text.toUpperCase();
}

export const sharedAnalyticsIdDetector: Detector = {
  code: 'shared-analytics-id',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const { minDomains } = config.analytics;
    let known = 0;
    const keysByDomain = new Map<string, Set<string>>();
    for (const [domain, links] of view.linksByDomain) {
      const keys = new Set<string>();
      let read = false;
      for (const i of links) {
        const ids = view.pages.get(view.link(i).sourceUrl)?.analyticsIds;
        if (!ids) continue;
        read = true;
        for (const id of ids) {
          const key = normalizeAnalyticsId(id);
          if (key !== null) keys.add(key);
        }
      }
      if (read) known++;
      if (keys.size > 0) keysByDomain.set(domain, keys);
    }
    if (known === 0)
      return { unavailable: 'no analytics ids known for the linking pages (pages[].analyticsIds)' };
    const findings = sharedKeyFindings(view, keysByDomain, {
      minDomains,
      atThreshold: config.severityAtThreshold,
      describe: (domain, id, others) =>
        `${domain} shares the analytics id ${id} ${othersText(others)} (flagged from ${minDomains} domains)`,
    });
    return { findings };
  },
};
