/**
 * Why a backlink has its quality score: a side drawer over the page, opened from a score (or the toxic
 * review's "Quality" button) through the route's `explain` parameter, filled by GET /api/v1/explain. It
 * lists every factor with its input, value, weight and points, a sentence on what it means, the base score
 * and the multipliers, and the points add up to the score. Not modal: the page stays usable behind it;
 * Escape or the close button shuts it and gives the focus back to the score that opened it.
 */
import { useEffect, useId, useRef } from 'react';
import type { ExplainedLink, QualityFactor } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Badge, QualityScore, RelBadges } from '../../components/Badges.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { ExternalUrl } from '../../components/ExternalUrl.tsx';
import { formatDecimal, formatDelta } from '../../format.ts';
import { closeExplain, type ExplainSpec, explainValue, linksFor } from './explainParam.ts';
import { factorLabel, factorSentence, roundToTotal } from './factorText.ts';

interface Props {
  spec: ExplainSpec | null;
  /** The score the page's table shows for this link, when it shows one (to say why they may differ). */
  shownScore?: number | undefined;
}

export function QualityDrawer({ spec, shownScore }: Props) {
  if (spec === null) return null;
  // A new link is a new drawer: its focus and scroll start over.
  return <Drawer key={explainValue(spec)} spec={spec} shownScore={shownScore} />;
}

function Drawer({ spec, shownScore }: { spec: ExplainSpec; shownScore: number | undefined }) {
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  const explained = useApi<ExplainedLink[]>({
    path: 'explain',
    query: { source: spec.source, target: spec.target },
  });
  const links = explained.data ? linksFor(spec, explained.data) : null;

  useEffect(() => {
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // The token prompt, when open, is the one Escape is for.
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      closeExplain();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <aside
      ref={panel}
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="explain-drawer"
      data-loading={explained.loading ? 'true' : 'false'}
    >
      <header className="drawer-head">
        <h2 id={titleId} className="drawer-title">
          Why this quality score
        </h2>
        <button
          type="button"
          className="drawer-close"
          aria-label="Close the explanation"
          title="Close (Escape)"
          data-testid="explain-close"
          onClick={closeExplain}
        >
          ×
        </button>
      </header>
      <div className="drawer-body">
        <div className="explain-link">
          <div className="explain-link-row">
            <span className="explain-link-label">From</span>
            <ExternalUrl url={spec.source} />
          </div>
          <div className="explain-link-row">
            <span className="explain-link-label">To</span>
            <ExternalUrl url={spec.target} />
          </div>
        </div>
        <ErrorBanner error={explained.error} onRetry={explained.reload} testId="explain-error" />
        {links === null && explained.loading && (
          <div className="explain-loading">
            <span className="skeleton" />
            <span className="skeleton" />
            <span className="skeleton" />
          </div>
        )}
        {links?.map((l, i) => (
          <LinkExplanation
            // The link's identity within source → target: kind and follow state.
            key={`${l.link.kind}|${l.link.followed}`}
            explained={l}
            heading={links.length > 1 ? `Link ${i + 1} of ${links.length}` : null}
            shownScore={links.length === 1 ? shownScore : undefined}
          />
        ))}
        <p className="note explain-how">
          Base factors are a weighted average of values from 0 to 1 (the weights sum to 100%); the multipliers
          then scale it. An input the ledger does not have takes a neutral value instead of pretending to
          know. The formula and the weights: docs/quality.md.
        </p>
      </div>
    </aside>
  );
}

function LinkExplanation({
  explained,
  heading,
  shownScore,
}: {
  explained: ExplainedLink;
  heading: string | null;
  shownScore: number | undefined;
}) {
  const { link, quality } = explained;
  const base = quality.factors.filter((f) => f.role === 'base');
  const multipliers = quality.factors.filter((f) => f.role === 'multiplier');
  const baseScore = base.reduce((s, f) => s + f.points, 0);
  const basePoints = roundToTotal(
    base.map((f) => f.points),
    baseScore,
  );
  const shownBase = basePoints.reduce((s, p) => s + p, 0);
  const multiplierPoints = roundToTotal(
    multipliers.map((f) => f.points),
    (Math.round(quality.score * 10) - Math.round(shownBase * 10)) / 10,
  );
  const score = Math.round(quality.score * 10) / 10;
  const differs = shownScore !== undefined && Math.abs(shownScore - score) >= 0.05;

  return (
    <section className="explain-section" data-testid="explain-link">
      {heading && <h3 className="explain-heading">{heading}</h3>}
      <div className="explain-summary">
        <div className="explain-score">
          <QualityScore score={score} />
          <span className="muted">of 100</span>
        </div>
        <div className="badges">
          <RelBadges link={link} />
          <Badge>{link.kind}</Badge>
          <Badge tone="info">{link.placement}</Badge>
          {link.image && <Badge>image</Badge>}
          {link.lostAt !== null && <Badge tone="bad">lost</Badge>}
        </div>
        <div className="explain-anchor">
          Anchor:{' '}
          {link.anchor.trim() === '' ? (
            <span className="muted">(none)</span>
          ) : (
            <span className="anchor-text">{link.anchor}</span>
          )}
        </div>
      </div>
      {differs && (
        <p className="note explain-differs" data-testid="explain-differs">
          The table shows {formatDecimal(shownScore)}: a listing weighs relevance and sitewide repetition
          among the links it holds, this breakdown among this link's own pages and the target's site, so the
          two can differ a little.
        </p>
      )}
      <table className="factor-table">
        <caption className="visually-hidden">Factors of the quality score and their points</caption>
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col" className="align-right" title="The factor's value: 0 to 1, or the multiplier">
              Value
            </th>
            <th scope="col" className="align-right" title="Share of the base score">
              Weight
            </th>
            <th
              scope="col"
              className="align-right"
              title="Points this factor adds to or removes from the score"
            >
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="factor-group">
            <th scope="rowgroup" colSpan={4}>
              Base: what the link is worth
            </th>
          </tr>
          {base.map((f, i) => (
            <FactorRow key={f.name} factor={f} points={basePoints[i]!} explained={explained} />
          ))}
          <tr className="factor-subtotal">
            <th scope="row">Base score</th>
            <td />
            <td className="align-right">100%</td>
            <td className="align-right" data-testid="explain-base">
              {formatDecimal(shownBase)}
            </td>
          </tr>
          <tr className="factor-group">
            <th scope="rowgroup" colSpan={4}>
              Multipliers: what weakens it
            </th>
          </tr>
          {multipliers.map((f, i) => (
            <FactorRow key={f.name} factor={f} points={multiplierPoints[i]!} explained={explained} />
          ))}
        </tbody>
        <tfoot>
          <tr className="factor-total">
            <th scope="row">Quality score</th>
            <td />
            <td />
            <td className="align-right" data-testid="explain-score">
              {formatDecimal(score)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function FactorRow({
  factor: f,
  points,
  explained,
}: {
  factor: QualityFactor;
  points: number;
  explained: ExplainedLink;
}) {
  const multiplier = f.role === 'multiplier';
  return (
    <tr data-testid="explain-factor" data-factor={f.name} data-role={f.role}>
      <th scope="row" className="factor-name">
        <span className="factor-title">
          {factorLabel(f.name)}
          {!f.known && <span className="badge badge-muted factor-unknown">unknown</span>}
        </span>
        <span className="factor-text">{factorSentence(f, explained)}</span>
      </th>
      <td className="align-right factor-value">{multiplier ? `×${trimmed(f.value)}` : share(f.value)}</td>
      <td className="align-right">{multiplier ? '' : `${Math.round(f.weight * 100)}%`}</td>
      <td className="align-right factor-points" data-testid="explain-points">
        {multiplier ? formatDelta(points) : formatDecimal(points)}
      </td>
    </tr>
  );
}

const trimmed = (x: number) => String(Math.round(x * 100) / 100);
/** A base value in [0, 1]: two decimals, or one significant digit below 0.01 (so 0.004 is not "0.00"). */
const share = (x: number) => (x === 0 || x >= 0.01 ? x.toFixed(2) : x.toPrecision(1));
