import type { LedgerSummary } from '../api/types.ts';
import type { TargetState } from '../target.ts';

export interface PageProps {
  target: TargetState;
  params: URLSearchParams;
  ledger: LedgerSummary | null;
}

/** The props of a page that reports on a target: the app renders it only once one is chosen. */
export interface TargetPageProps extends PageProps {
  target: TargetState & { target: string };
}
