/**
 * Background work of a running server (imports, crawls, rank runs started over the API): a FIFO of jobs
 * run **one at a time**, because a ledger has one writer and two imports would only take turns on it.
 * Each job reports progress (done of total, a unit, a message), can be cancelled (its AbortSignal fires;
 * the work stops at its next safe point and what it committed stays), and ends done, failed or cancelled
 * with a result or an error message.
 *
 * The board lives in memory: a server restart forgets the list, not the data. Imports and crawls are
 * resumable in the ledger itself, so the same job started again continues where the last one stopped.
 * Only the newest `keep` finished jobs are listed.
 */
export const JOB_KINDS = ['import', 'crawl', 'rank'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobProgress {
  done: number;
  /** null while the total is unknown (a crawl's frontier grows). */
  total: number | null;
  /** What `done` counts: `bytes`, `pages`, `levels`... */
  unit: string;
  /** `done` per second since the job started; null before there is any. */
  ratePerSecond: number | null;
  message: string;
}

export interface JobView {
  id: string;
  kind: JobKind;
  state: JobState;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  params: Record<string, unknown>;
  progress: JobProgress;
  result: unknown;
  error: string | null;
}

export interface JobContext {
  signal: AbortSignal;
  /** Updates the progress (merged into what was reported before). */
  report: (progress: Partial<Omit<JobProgress, 'ratePerSecond'>>) => void;
}

export interface JobWork {
  kind: JobKind;
  params: Record<string, unknown>;
  /** The first progress line, shown while queued. */
  unit: string;
  /**
   * Does the work. Stopped by the signal, it throws (JobCancelled or any error), or returns what it did
   * with `interrupted: true` (a crawl's stats so far). Any other return means the work was finished: the
   * job is done even when a cancel came too late to stop it.
   */
  run: (ctx: JobContext) => Promise<unknown>;
}

/** Thrown (or returned as the cause) when work stopped because its signal fired. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

interface Entry {
  view: JobView;
  work: JobWork;
  abort: AbortController;
}

export class JobBoard {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private running: Promise<void> | null = null;
  private serial = 0;

  constructor(
    private readonly now: () => number,
    private readonly keep = 100,
    private readonly newId: (serial: number) => string = (n) => `job-${n}`,
  ) {}

  submit(work: JobWork): JobView {
    const view: JobView = {
      id: this.newId(++this.serial),
      kind: work.kind,
      state: 'queued',
      createdAt: this.now(),
      startedAt: null,
      finishedAt: null,
      params: work.params,
      progress: { done: 0, total: null, unit: work.unit, ratePerSecond: null, message: 'queued' },
      result: null,
      error: null,
    };
    const entry = { view, work, abort: new AbortController() };
    this.entries.set(view.id, entry);
    this.waiting.push(entry);
    this.forgetOld();
    this.running ??= this.runQueue();
    return snapshot(view);
  }

  /** Newest first. */
  list(): JobView[] {
    return [...this.entries.values()].map((e) => snapshot(e.view)).reverse();
  }

  get(id: string): JobView | undefined {
    const entry = this.entries.get(id);
    return entry && snapshot(entry.view);
  }

  /** Cancels a queued or running job; a finished one is returned unchanged. */
  cancel(id: string): JobView | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.view.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      this.finish(entry, 'cancelled', null, null, 'cancelled before it started');
    } else if (entry.view.state === 'running') {
      entry.view.progress.message = 'cancelling: finishing the batch in flight';
      entry.abort.abort();
    }
    return snapshot(entry.view);
  }

  /** Resolves when every job submitted so far has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Cancels everything and waits for the running job to stop (server shutdown). */
  async stop(): Promise<void> {
    for (const entry of [...this.waiting]) this.cancel(entry.view.id);
    for (const entry of this.entries.values()) if (entry.view.state === 'running') entry.abort.abort();
    await this.running;
  }

  private async runQueue(): Promise<void> {
    for (let entry = this.waiting.shift(); entry; entry = this.waiting.shift()) await this.runOne(entry);
    this.running = null;
  }

  private async runOne(entry: Entry): Promise<void> {
    const view = entry.view;
    view.state = 'running';
    view.startedAt = this.now();
    view.progress.message = 'started';
    const report: JobContext['report'] = (p) => {
      Object.assign(view.progress, p);
      const seconds = (this.now() - view.startedAt!) / 1000;
      view.progress.ratePerSecond = seconds > 0 ? view.progress.done / seconds : null;
    };
    try {
      const result = await entry.work.run({ signal: entry.abort.signal, report });
      if (!entry.abort.signal.aborted) this.finish(entry, 'done', result, null, 'done');
      else if (interrupted(result)) this.finish(entry, 'cancelled', result, null, 'cancelled');
      else this.finish(entry, 'done', result, null, 'done (the cancel came after the work had finished)');
    } catch (error) {
      if (entry.abort.signal.aborted || error instanceof JobCancelled)
        this.finish(entry, 'cancelled', null, null, 'cancelled');
      else {
        const message = error instanceof Error ? error.message : String(error);
        this.finish(entry, 'failed', null, message, `failed: ${message}`);
      }
    }
  }

  private finish(entry: Entry, state: JobState, result: unknown, error: string | null, message: string) {
    const view = entry.view;
    view.state = state;
    view.finishedAt = this.now();
    view.result = result ?? null;
    view.error = error;
    view.progress.message = message;
  }

  private forgetOld(): void {
    const finished = [...this.entries.values()].filter(
      (e) => e.view.state !== 'queued' && e.view.state !== 'running',
    );
    for (const entry of finished.slice(0, Math.max(0, finished.length - this.keep)))
      this.entries.delete(entry.view.id);
  }
}

function snapshot(view: JobView): JobView {
  return { ...view, params: { ...view.params }, progress: { ...view.progress } };
}

/** Whether a result says the work stopped before its end (see JobWork.run). */
function interrupted(result: unknown): boolean {
  return (
    typeof result === 'object' &&
    result !== null &&
    (result as { interrupted?: unknown }).interrupted === true
  );
}
