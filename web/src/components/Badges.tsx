/** Small labels: follow state of a link, anchor classes, scores, job states. */
import type { Backlink, JobState } from '../api/types.ts';
import { formatAuthority, formatDecimal } from '../format.ts';

/** `dofollow`, or the rel values that stop credit (nofollow, sponsored, ugc). */
export function RelBadges({ link }: { link: Pick<Backlink, 'nofollow' | 'sponsored' | 'ugc'> }) {
  const flags = [link.nofollow && 'nofollow', link.sponsored && 'sponsored', link.ugc && 'ugc'].filter(
    (f): f is string => typeof f === 'string',
  );
  if (flags.length === 0) return <span className="badge badge-good">dofollow</span>;
  return (
    <>
      {flags.map((f) => (
        <span key={f} className="badge badge-muted">
          {f}
        </span>
      ))}
    </>
  );
}

export function Badge({
  children,
  tone = 'muted',
}: {
  children: string;
  tone?: 'muted' | 'good' | 'warn' | 'bad' | 'info';
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A 0-100 score tinted by severity (toxicity: high is bad). */
export function ToxicScore({ score }: { score: number }) {
  const tone = score >= 70 ? 'bad' : score >= 40 ? 'warn' : 'muted';
  return <span className={`score score-${tone}`}>{Math.round(score)}</span>;
}

/** A 0-100 quality score (high is good). */
export function QualityScore({ score }: { score: number | undefined }) {
  if (score === undefined) return <span className="muted">—</span>;
  const tone = score >= 60 ? 'good' : score >= 30 ? 'info' : 'muted';
  return <span className={`score score-${tone}`}>{formatDecimal(score)}</span>;
}

const JOB_TONES: Record<JobState, 'muted' | 'good' | 'warn' | 'bad' | 'info'> = {
  queued: 'muted',
  running: 'info',
  done: 'good',
  failed: 'bad',
  cancelled: 'warn',
};

export function JobStateBadge({ state }: { state: JobState }) {
  return (
    <span className={`badge badge-${JOB_TONES[state]}`} data-testid="job-state">
      {state}
    </span>
  );
}

/** An authority score in a table cell; "not ranked" (muted) when null, never a misleading 0. */
export function AuthorityValue({ score }: { score: number | null }) {
  if (score === null) return <span className="not-ranked">{formatAuthority(score)}</span>;
  return <span>{formatAuthority(score)}</span>;
}
