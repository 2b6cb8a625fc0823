/**
 * What the ledger knows about a page as a link source, for the per-link quality score: its latest capture's
 * facts and how many links it carries now.
 */
import type { CaptureState } from './model.ts';

export interface PageFacts {
  /** From the newest capture that decided something; null for pages known only from source reports. */
  status: number | null;
  state: CaptureState | null;
  lang: string | null;
  title: string | null;
  canonical: string | null;
  textDigest: string | null;
  /** Analytics / ad account ids of the newest capture that had them (sorted; [] when none are known). */
  analyticsIds: string[];
  /** The address the page was last fetched from (crawler captures), or null. */
  remoteAddress: string | null;
  /** Live links on the page, every kind, internal and external. */
  outlinks: number;
  /** Live links on the page to another registrable domain. */
  externalOutlinks: number;
}
