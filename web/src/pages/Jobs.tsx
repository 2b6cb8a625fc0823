/**
 * Jobs: imports, crawls and rank runs the server performs in the background. Active jobs are polled once
 * a second (GET /api/v1/jobs/{id}) for live progress; when one finishes the pages' data is reloaded,
 * since the ledger changed under them.
 */
import { useEffect, useRef, useState } from 'react';
import { apiJson, messageOf } from '../api/client.ts';
import { isActiveJob, type Job } from '../api/types.ts';
import { useAction } from '../api/useAction.ts';
import { ledgerChanged, useApi } from '../api/useApi.ts';
import { JobStateBadge } from '../components/Badges.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Notice } from '../components/Notice.tsx';
import { Panel } from '../components/Panel.tsx';
import { formatCount, formatDuration, formatTime } from '../format.ts';
import { JobProgress } from './jobs/JobProgress.tsx';
import { describeResult, resultHints } from './jobs/jobResult.ts';
import { StartJobForms } from './jobs/StartJobForms.tsx';

const POLL_MS = 1000;

export function Jobs() {
  const list = useApi<{ data: Job[] }>({ path: 'jobs' });
  // Newer copies of jobs (from polling, starting or cancelling) over what the list last said.
  const [fresh, setFresh] = useState<ReadonlyMap<string, Job>>(new Map());
  const [pollError, setPollError] = useState<string | null>(null);
  const cancel = useAction();
  const seenActive = useRef(new Set<string>());

  // A new list answer is the newest word on every job.
  useEffect(() => {
    if (list.data) setFresh(new Map());
  }, [list.data]);

  const jobs = mergeJobs(list.data?.data ?? [], fresh);
  const active = jobs.filter(isActiveJob);
  const activeKey = active.map((j) => `${j.id}:${j.state}:${j.progress.done}`).join(',');

  // Poll the active jobs; each answer (a new `fresh` map, even when nothing moved) schedules the next,
  // so there are never two polls in flight.
  // biome-ignore lint/correctness/useExhaustiveDependencies: activeKey stands for the active jobs, fresh for "answered"
  useEffect(() => {
    if (active.length === 0 || pollError !== null) return;
    let stopped = false;
    const timer = setTimeout(() => {
      Promise.all(active.map((j) => apiJson<Job>(`jobs/${encodeURIComponent(j.id)}`)))
        .then((updated) => {
          if (!stopped) setFresh((m) => withJobs(m, updated));
        })
        .catch((e: unknown) => {
          if (!stopped) setPollError(messageOf(e));
        });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [activeKey, pollError, fresh]);

  // A job that was running and is now over changed the ledger: reload what the pages show.
  useEffect(() => {
    let finished = false;
    for (const job of jobs) {
      if (isActiveJob(job)) seenActive.current.add(job.id);
      else if (seenActive.current.delete(job.id) && job.state === 'done') finished = true;
    }
    if (finished) ledgerChanged();
  });

  const columns: Column<Job>[] = [
    {
      id: 'job',
      header: 'Job',
      width: '14rem',
      render: (j) => (
        <div className="cell-stack" data-job-id={j.id}>
          <span>
            <strong className="job-kind">{j.kind}</strong> <JobStateBadge state={j.state} />
          </span>
          <span className="cell-sub" title={describeParams(j)}>
            {describeParams(j)}
          </span>
        </div>
      ),
    },
    { id: 'progress', header: 'Progress', render: (j) => <JobProgress job={j} /> },
    {
      id: 'outcome',
      header: 'Outcome',
      width: '22%',
      render: (j) =>
        j.error ? (
          <span className="tone-lost" data-testid="job-error">
            {j.error}
          </span>
        ) : (
          <>
            <span className="cell-sub" data-testid="job-result">
              {describeResult(j)}
            </span>
            {resultHints(j).map((hint) => (
              <span className="cell-sub job-hint" data-testid="job-hint" key={hint}>
                {hint}
              </span>
            ))}
          </>
        ),
    },
    {
      id: 'created',
      header: 'Started (UTC)',
      align: 'right',
      width: '10.5rem',
      render: (j) => formatTime(j.startedAt ?? j.createdAt),
    },
    { id: 'duration', header: 'Took', align: 'right', width: '6.5rem', render: (j) => durationOf(j) },
    {
      id: 'actions',
      header: '',
      align: 'right',
      width: '6rem',
      render: (j) =>
        isActiveJob(j) ? (
          <button
            type="button"
            className="button button-small"
            disabled={cancel.busy}
            data-testid="job-cancel"
            onClick={() =>
              void cancel.run(async () => {
                const updated = await apiJson<Job>(`jobs/${encodeURIComponent(j.id)}/cancel`, {
                  method: 'POST',
                });
                setFresh((m) => withJobs(m, [updated]));
                return `Job ${j.id}: ${updated.state === 'cancelled' ? 'cancelled' : 'cancel requested'}.`;
              })
            }
          >
            Cancel
          </button>
        ) : null,
    },
  ];

  return (
    <div className="page-grid">
      <StartJobForms onStarted={(job) => setFresh((m) => withJobs(m, [job]))} />
      <Panel
        title="Jobs"
        actions={
          <button
            type="button"
            className="button button-small"
            onClick={list.reload}
            data-testid="jobs-refresh"
          >
            Refresh
          </button>
        }
        testId="panel-jobs"
      >
        <ErrorBanner error={list.error} onRetry={list.reload} />
        <ErrorBanner
          error={pollError && `Live progress stopped: ${pollError}`}
          onRetry={() => {
            setPollError(null);
            list.reload();
          }}
          testId="poll-error"
        />
        <Notice notice={cancel.notice} error={cancel.error} testId="cancel" />
        <DataTable
          testId="table-jobs"
          columns={columns}
          rows={list.data || fresh.size > 0 ? jobs : null}
          rowKey={(j) => j.id}
          rowTestId="job-row"
          loading={list.loading}
          placeholderRows={3}
          empty={<EmptyState title="No jobs yet">Start an import, a crawl or a rank run above.</EmptyState>}
        />
      </Panel>
    </div>
  );
}

function withJobs(map: ReadonlyMap<string, Job>, jobs: readonly Job[]): ReadonlyMap<string, Job> {
  const next = new Map(map);
  for (const job of jobs) next.set(job.id, job);
  return next;
}

/** The list's jobs with fresher copies swapped in, newest first. */
function mergeJobs(listed: readonly Job[], fresh: ReadonlyMap<string, Job>): Job[] {
  const byId = new Map(listed.map((j) => [j.id, j]));
  for (const [id, job] of fresh) byId.set(id, job);
  return [...byId.values()].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
}

function durationOf(job: Job): string {
  if (!job.startedAt) return '—';
  const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
  return formatDuration(end - Date.parse(job.startedAt));
}

function describeParams(job: Job): string {
  const p = job.params;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  if (job.kind === 'import') {
    // An upload's path is the server's temporary copy: the name the user chose says more.
    const uploaded = p.uploaded as { name?: unknown; bytes?: unknown } | undefined;
    if (uploaded && typeof uploaded.name === 'string')
      return `uploaded ${uploaded.name}${typeof uploaded.bytes === 'number' ? ` (${formatCount(uploaded.bytes)} bytes)` : ''}`;
    return list(p.paths).join(', ');
  }
  if (job.kind === 'crawl') {
    const seeds = list(p.seeds).join(', ');
    return [
      seeds,
      p.scope ? `scope ${String(p.scope)}` : '',
      p.maxPages ? `max ${String(p.maxPages)} pages` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return p.dofollowOnly ? 'followed links only' : 'all live links';
}
