/**
 * The job board runs jobs one at a time in submission order, reports progress, cancels queued and running
 * jobs, records failures with their message, and forgets only the oldest finished jobs.
 */
import { describe, expect, it } from 'vitest';
import { JobBoard, type JobContext, type JobWork } from '../../../src/app/jobs/job-board.ts';

/** A job that runs until released, recording when it starts. */
function gated(log: string[], name: string) {
  let release!: (value: unknown) => void;
  let started!: (ctx: JobContext) => void;
  const running = new Promise<JobContext>((r) => {
    started = r;
  });
  const work: JobWork = {
    kind: 'import',
    params: { name },
    unit: 'bytes',
    run: (ctx) => {
      log.push(`start ${name}`);
      started(ctx);
      return new Promise((resolve, reject) => {
        release = resolve;
        ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    },
  };
  return { work, running, release: (v: unknown) => release(v) };
}

describe('JobBoard', () => {
  it('runs one job at a time, in order, with progress and a rate', async () => {
    let clock = 1_000;
    const board = new JobBoard(() => clock);
    const log: string[] = [];
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const first = board.submit(a.work);
    const second = board.submit(b.work);
    expect(first.state).toBe('running');
    expect(second.state).toBe('queued');
    const ctx = await a.running;
    expect(log).toEqual(['start a']);
    expect(board.get(second.id)!.state).toBe('queued');
    clock += 2_000;
    ctx.report({ done: 500, total: 1_000, message: 'half' });
    expect(board.get(first.id)!.progress).toEqual({
      done: 500,
      total: 1_000,
      unit: 'bytes',
      ratePerSecond: 250,
      message: 'half',
    });
    a.release({ imported: 1 });
    await b.running;
    expect(log).toEqual(['start a', 'start b']);
    const done = board.get(first.id)!;
    expect(done.state).toBe('done');
    expect(done.result).toEqual({ imported: 1 });
    expect(done.finishedAt).toBe(clock);
    expect(board.list().map((j) => j.id)).toEqual([second.id, first.id]);
    b.release(null);
    await board.stop();
  });

  it('cancels a queued job without running it and a running one through its signal', async () => {
    const board = new JobBoard(Date.now);
    const log: string[] = [];
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const running = board.submit(a.work);
    const queued = board.submit(b.work);
    await a.running;
    expect(board.cancel(queued.id)!.state).toBe('cancelled');
    board.cancel(running.id);
    await board.stop();
    expect(board.get(running.id)!.state).toBe('cancelled');
    expect(log).toEqual(['start a']);
    expect(board.cancel('no-such-job')).toBeUndefined();
  });

  it('a running job stopped by a cancel with a partial result is cancelled; one that had finished is done', async () => {
    const board = new JobBoard(Date.now);
    let stop!: () => void;
    const partial = board.submit({
      kind: 'crawl',
      params: {},
      unit: 'pages',
      run: (ctx) =>
        new Promise((resolve) => {
          stop = () => resolve({ fetched: 3, interrupted: ctx.signal.aborted });
          ctx.signal.addEventListener('abort', stop);
        }),
    });
    await new Promise((r) => setTimeout(r, 0));
    board.cancel(partial.id);
    await board.idle();
    expect(board.get(partial.id)).toMatchObject({
      state: 'cancelled',
      result: { fetched: 3, interrupted: true },
    });

    // The cancel comes while the work ends anyway (an import's last batch): it finished, so it is done.
    let finish!: () => void;
    const late = board.submit({
      kind: 'import',
      params: {},
      unit: 'bytes',
      run: () =>
        new Promise((resolve) => {
          finish = () => resolve({ runs: 1 });
        }),
    });
    await new Promise((r) => setTimeout(r, 0));
    board.cancel(late.id);
    finish();
    await board.idle();
    expect(board.get(late.id)).toMatchObject({
      state: 'done',
      result: { runs: 1 },
      progress: { message: 'done (the cancel came after the work had finished)' },
    });
  });

  it('records a failure with its message and goes on with the next job', async () => {
    const board = new JobBoard(Date.now);
    const failing = board.submit({
      kind: 'rank',
      params: {},
      unit: 'runs',
      run: async () => {
        throw new Error('the ledger has no links');
      },
    });
    const next = board.submit({ kind: 'rank', params: {}, unit: 'runs', run: async () => 'ok' });
    await board.idle();
    expect(board.get(failing.id)).toMatchObject({ state: 'failed', error: 'the ledger has no links' });
    expect(board.get(next.id)).toMatchObject({ state: 'done', result: 'ok' });
  });

  it('keeps the newest finished jobs only', async () => {
    const board = new JobBoard(Date.now, 3);
    const ids = [];
    for (let i = 0; i < 6; i++) {
      ids.push(board.submit({ kind: 'rank', params: { i }, unit: 'runs', run: async () => i }).id);
      await board.idle();
    }
    const listed = board.list().map((j) => j.id);
    expect(listed.length).toBeLessThanOrEqual(4);
    expect(listed).toContain(ids[5]);
    expect(listed).not.toContain(ids[0]);
  });
});
