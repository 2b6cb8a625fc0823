/**
 * The shell: left navigation, the target bar, the current page and the token prompt. The target comes
 * from the route; without one, the ledger's suggested target (GET /api/v1/ledger) is put in the route.
 */
import { useEffect } from 'react';
import { requestToken, useAuth } from './api/auth.ts';
import type { LedgerSummary } from './api/types.ts';
import { useApi } from './api/useApi.ts';
import { EmptyState } from './components/EmptyState.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { Nav } from './components/Nav.tsx';
import { TargetBar } from './components/TargetBar.tsx';
import { TokenPrompt } from './components/TokenPrompt.tsx';
import { DEFAULT_PAGE, pageById } from './pages/registry.ts';
import { hrefOf, navigate, updateParams, useRoute } from './router/hash.ts';
import { targetOf } from './target.ts';

export function App() {
  const route = useRoute();
  const page = pageById(route.page);
  const target = targetOf(route.params);
  const ledger = useApi<LedgerSummary>({ path: 'ledger' });
  const suggested = ledger.data?.suggestedTarget ?? null;
  const auth = useAuth();

  // `#/` or an unknown page: go to the overview, keeping the parameters.
  useEffect(() => {
    if (!page) navigate(hrefOf(DEFAULT_PAGE, route.params), { replace: true });
  }, [page, route.params]);

  // No target yet: take the ledger's suggestion (the domain most linked to).
  useEffect(() => {
    if (target.target === null && suggested) updateParams({ target: suggested }, { replace: true });
  }, [target.target, suggested]);

  useEffect(() => {
    document.title = [page?.title, target.target, 'linkledger'].filter(Boolean).join(' · ');
  }, [page, target.target]);

  return (
    <div className="app">
      <aside className="sidebar">
        <a className="brand" href={hrefOf(DEFAULT_PAGE, { target: target.target })}>
          <BrandMark />
          linkledger
        </a>
        <Nav active={page?.id ?? ''} target={target} ledger={ledger.data} />
      </aside>
      <div className="main">
        <header className="topbar">
          <TargetBar current={target} />
        </header>
        <main className="content">
          {auth.unauthorized && auth.prompt === null && (
            <div className="banner banner-error" role="alert" data-testid="token-needed">
              <span>This linkledger server needs an API token before it shows anything.</span>
              <button
                type="button"
                className="button button-small"
                data-testid="token-open"
                onClick={() => requestToken('missing')}
              >
                Enter token
              </button>
            </div>
          )}
          {page && (
            <div className="page-head">
              <h1 className="page-title" data-testid="page-title">
                {page.title}
              </h1>
              {page.needsTarget && target.target && (
                <span className="page-target" data-testid="page-target">
                  {target.target}
                  {target.scope !== 'domain' && <span className="muted"> ({target.scope})</span>}
                </span>
              )}
            </div>
          )}
          {page && !page.needsTarget && (
            <page.component key={page.id} target={target} params={route.params} ledger={ledger.data} />
          )}
          {page?.needsTarget &&
            (target.target === null ? (
              <NoTarget loading={ledger.loading} ledgerError={ledger.error} />
            ) : (
              <page.component
                key={page.id}
                target={{ ...target, target: target.target }}
                params={route.params}
                ledger={ledger.data}
              />
            ))}
        </main>
      </div>
      <TokenPrompt />
    </div>
  );
}

/** The chain-link mark (also web/public/favicon.svg): inline, so no font needs the glyph. */
function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1e293b" />
      <path
        d="M13 19l6-6M11.5 15.5l-2 2a3.5 3.5 0 0 0 5 5l2-2M20.5 16.5l2-2a3.5 3.5 0 0 0-5-5l-2 2"
        fill="none"
        stroke="#fb923c"
        strokeWidth="2.4"
        strokeLinecap="round"
      />
    </svg>
  );
}

function NoTarget({ loading, ledgerError }: { loading: boolean; ledgerError: Error | null }) {
  if (loading) return <EmptyState title="Loading the ledger…" testId="no-target" />;
  return (
    <>
      {ledgerError?.message && <ErrorBanner error={ledgerError} />}
      <EmptyState title="Enter a domain, host or URL above to explore its backlinks" testId="no-target">
        Import link data first (<code>linkledger import FILE…</code> or the Jobs page) if the ledger is empty.
      </EmptyState>
    </>
  );
}
