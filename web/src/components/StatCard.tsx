/** One headline number. `value` null while loading keeps the card's height (no layout jump). */
import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: ReactNode | null;
  detail?: ReactNode;
  testId: string;
  /** Muted value text, e.g. "not ranked". */
  muted?: boolean;
}

export function StatCard({ label, value, detail, testId, muted = false }: Props) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className={`stat-value${muted ? ' stat-muted' : ''}`} data-testid={`${testId}-value`}>
        {value ?? <span className="skeleton skeleton-number" />}
      </div>
      <div className="stat-detail">{detail ?? '\u00a0'}</div>
    </div>
  );
}
