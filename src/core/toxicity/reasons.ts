/**
 * The reason codes of the toxicity audit, one per detector (detectors/), each tied to the one Google
 * link-scheme example (schemes.ts) it is evidence of. Why each mapping:
 *
 * - `link-farm` -> excessive link exchanges: a group of sites most of whose pairs link to each other both
 *   ways is cross-linking for its own sake.
 * - `sitewide-boilerplate` -> footer/template links: one site repeating the link in its footer, navigation
 *   or header on many pages.
 * - `anchor-over-optimisation` -> keyword-rich campaigns: a profile whose share of exact/partial keyword
 *   anchors is far above what editorial links give is the trace of a campaign.
 * - `high-spam-mass` -> automated links: the rank of the linking domain comes mostly from outside the
 *   trusted part of the web, which is what link farms and automated link building produce (Gyöngyi et al.).
 * - `outbound-link-overload` -> low-quality directories: a page with hundreds of external links is a
 *   directory, a bookmark list or a page that sells links by the hundred.
 * - `shared-ipv4-network`, `shared-template`, `shared-analytics-id` -> automated links (programs or
 *   *services*): referring sites on one operator's servers, with one template or one analytics account,
 *   are one link-building operation (a private blog network), not independent votes.
 * - `foreign-language` -> automated links: a page in a language the target's readers do not read has no
 *   editorial reason to link; such links come from automated comment, profile and spun-content spam.
 * - `paid-without-sponsored` -> text ads passing credit: wording of paid placements on a followed link.
 */
import type { LinkSchemeId } from './schemes.ts';

export const REASON_CODES = [
  'link-farm',
  'sitewide-boilerplate',
  'anchor-over-optimisation',
  'high-spam-mass',
  'outbound-link-overload',
  'shared-ipv4-network',
  'shared-template',
  'shared-analytics-id',
  'foreign-language',
  'paid-without-sponsored',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_SCHEMES: Readonly<Record<ReasonCode, LinkSchemeId>> = {
  'link-farm': 'excessive-link-exchanges',
  'sitewide-boilerplate': 'footer-template-links',
  'anchor-over-optimisation': 'keyword-rich-campaigns',
  'high-spam-mass': 'automated-links',
  'outbound-link-overload': 'low-quality-directories',
  'shared-ipv4-network': 'automated-links',
  'shared-template': 'automated-links',
  'shared-analytics-id': 'automated-links',
  'foreign-language': 'automated-links',
  'paid-without-sponsored': 'text-ads-passing-credit',
};
