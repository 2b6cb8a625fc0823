/** The left navigation; links keep the current target and scope. */
import type { LedgerSummary } from '../api/types.ts';
import { formatCount, formatDay } from '../format.ts';
import { PAGE_GROUPS } from '../pages/registry.ts';
import { hrefOf } from '../router/hash.ts';
import type { TargetState } from '../target.ts';

interface Props {
  active: string;
  target: TargetState;
  ledger: LedgerSummary | null;
}

export function Nav({ active, target, ledger }: Props) {
  const keep = { target: target.target, scope: target.scope === 'domain' ? null : target.scope };
  return (
    <nav className="nav" aria-label="Pages">
      {PAGE_GROUPS.map((group) => (
        <div key={group.label} className="nav-group">
          <div className="nav-group-label">{group.label}</div>
          {group.pages.map((page) => (
            <a
              key={page.id}
              href={hrefOf(page.id, keep)}
              className={`nav-link${page.id === active ? ' is-active' : ''}`}
              aria-current={page.id === active ? 'page' : undefined}
              data-testid={`nav-${page.id}`}
            >
              {page.label}
            </a>
          ))}
        </div>
      ))}
      {ledger && (
        <div className="nav-ledger" data-testid="ledger-summary">
          <div>
            <span className="muted">Links</span> {formatCount(ledger.counts.links)}
          </div>
          <div>
            <span className="muted">Pages</span> {formatCount(ledger.counts.pages)}
          </div>
          <div>
            <span className="muted">Ranked</span> {ledger.rankedAt ? formatDay(ledger.rankedAt) : 'never'}
          </div>
        </div>
      )}
    </nav>
  );
}
