/**
 * The review workflow's storage: a whitelist per target (domains and URLs judged fine, with a note) and the
 * disavow files generated for a target, kept as numbered versions. The store treats the target as an
 * opaque key: the app decides how it is spelled (e.g. the registrable domain).
 */
import type { EpochMs } from './model.ts';

export const REVIEW_KINDS = ['domain', 'url'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** One whitelist entry; (target, kind, value) is its identity: adding it again replaces note and time. */
export interface ReviewEntry {
  target: string;
  kind: ReviewKind;
  value: string;
  note: string;
  at: EpochMs;
}

export interface NewDisavowVersion {
  target: string;
  createdAt: EpochMs;
  /** The file's text, exactly. */
  content: string;
  /** Entries (URL and `domain:` lines) in the file. */
  entries: number;
}

export interface DisavowVersion extends NewDisavowVersion {
  /** 1, 2, 3... per target, in the order saved. */
  version: number;
}
