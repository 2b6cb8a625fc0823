/** A job's progress: a bar when the total is known (striped while it is not), and the numbers. */
import type { Job } from '../../api/types.ts';
import { isActiveJob } from '../../api/types.ts';
import { formatCount, formatDecimal } from '../../format.ts';

export function JobProgress({ job }: { job: Job }) {
  const { done, total, unit, ratePerSecond, message } = job.progress;
  const share = total !== null && total > 0 ? Math.min(1, done / total) : null;
  const active = isActiveJob(job);
  const finished = job.state === 'done';
  const width = finished ? 100 : share === null ? 100 : share * 100;
  return (
    <div className="progress" data-testid="job-progress">
      <div
        className={`progress-track${active && share === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={done}
      >
        <div className={`progress-fill progress-${job.state}`} style={{ width: `${width}%` }} />
      </div>
      <div className="progress-text">
        <span data-testid="job-done">
          {formatCount(done)}
          {total !== null && ` of ${formatCount(total)}`} {unit}
        </span>
        {share !== null && <span> · {formatDecimal(share * 100)}%</span>}
        {active && ratePerSecond !== null && <span> · {formatCount(ratePerSecond)}/s</span>}
        {message && (
          <span className="progress-message" title={message}>
            {' '}
            · {message}
          </span>
        )}
      </div>
    </div>
  );
}
