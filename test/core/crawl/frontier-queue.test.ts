/**
 * The crawl schedule (FrontierQueue) and its per-host heap (MinHeap). Time is a plain number passed in,
 * so every case runs on a fake clock. The property at the end drives random schedules (adds, clock steps,
 * fetch starts and ends, holds, drains) against an independent model of the politeness rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrontierQueue, type NextUrl, type QueuedUrl } from '../../../src/core/crawl/frontier-queue.ts';
import { MinHeap } from '../../../src/core/crawl/min-heap.ts';

let nextSeq = 0;
const item = (host: string, depth: number, seq = ++nextSeq): QueuedUrl => ({
  url: `https://${host}/p/${depth}/${seq}`,
  kind: 'page',
  host,
  depth,
  seq,
});

/** The item of a `fetch` answer (fails the test on anything else). */
function fetched(answer: NextUrl): QueuedUrl {
  expect(answer.kind).toBe('fetch');
  if (answer.kind !== 'fetch') throw new Error('unreachable');
  return answer.item;
}

describe('MinHeap', () => {
  it('is empty at first', () => {
    const heap = new MinHeap<number>((a, b) => a < b);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });

  it('pops in ascending order whatever the push order, with duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 200 }), (values) => {
        const heap = new MinHeap<number>((a, b) => a < b);
        for (const v of values) heap.push(v);
        expect(heap.size).toBe(values.length);
        const out: number[] = [];
        for (let v = heap.peek(); v !== undefined; v = heap.peek()) {
          expect(heap.pop()).toBe(v);
          out.push(v);
        }
        expect(out).toEqual([...values].sort((a, b) => a - b));
        expect(heap.size).toBe(0);
      }),
    );
  });

  it('interleaves pushes and pops correctly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constant<'pop'>('pop')), { maxLength: 200 }),
        (ops) => {
          const heap = new MinHeap<number>((a, b) => a < b);
          const model: number[] = [];
          for (const op of ops) {
            if (op === 'pop') {
              model.sort((a, b) => a - b);
              expect(heap.pop()).toBe(model.shift());
            } else {
              heap.push(op);
              model.push(op);
            }
            expect(heap.size).toBe(model.length);
          }
        },
      ),
    );
  });
});

describe('FrontierQueue', () => {
  it('answers empty with nothing queued, and again once everything was taken', () => {
    const q = new FrontierQueue(1, 0);
    expect(q.next(0)).toEqual({ kind: 'empty' });
    q.add(item('a.test', 0));
    expect(q.size).toBe(1);
    fetched(q.next(0));
    expect(q.size).toBe(0);
    expect(q.next(0)).toEqual({ kind: 'empty' });
  });

  it('goes breadth-first by (depth, seq) across hosts', () => {
    const q = new FrontierQueue(10, 0);
    const deep = item('a.test', 2, 1);
    const laterSeq = item('b.test', 0, 7);
    const first = item('c.test', 0, 3);
    const middle = item('a.test', 1, 9);
    for (const i of [deep, laterSeq, first, middle]) q.add(i);
    const order = [fetched(q.next(0)), fetched(q.next(0)), fetched(q.next(0)), fetched(q.next(0))];
    expect(order).toEqual([first, laterSeq, middle, deep]);
  });

  it('orders one host by (depth, seq), not by insertion', () => {
    const q = new FrontierQueue(10, 0);
    const items = [item('a.test', 1, 5), item('a.test', 0, 8), item('a.test', 1, 2), item('a.test', 0, 4)];
    for (const i of items) q.add(i);
    const out = items.map(() => fetched(q.next(0)).seq);
    expect(out).toEqual([4, 8, 2, 5]);
  });

  it('keeps at most perHost requests in flight per host; a finished fetch frees a slot', () => {
    const q = new FrontierQueue(2, 0);
    for (let i = 0; i < 4; i++) q.add(item('a.test', 0));
    fetched(q.next(0));
    fetched(q.next(0));
    // Busy host: nothing to wake on but a finished fetch.
    expect(q.next(0)).toEqual({ kind: 'wait', at: null });
    q.finished('a.test', 5);
    fetched(q.next(5));
    expect(q.next(5)).toEqual({ kind: 'wait', at: null });
  });

  it('serves another host while one is at its connection limit', () => {
    const q = new FrontierQueue(1, 0);
    q.add(item('a.test', 0, 1));
    q.add(item('a.test', 0, 2));
    q.add(item('b.test', 5, 3));
    expect(fetched(q.next(0)).seq).toBe(1);
    // a.test's seq 2 is lower than b.test's, but a.test is busy.
    expect(fetched(q.next(0)).seq).toBe(3);
  });

  it('spaces two request starts to one host by the delay, even with free connections', () => {
    const q = new FrontierQueue(3, 100);
    for (let i = 0; i < 3; i++) q.add(item('a.test', 0));
    fetched(q.next(1_000));
    expect(q.next(1_050)).toEqual({ kind: 'wait', at: 1_100 });
    expect(q.next(1_099)).toEqual({ kind: 'wait', at: 1_100 });
    fetched(q.next(1_100));
    expect(q.next(1_150)).toEqual({ kind: 'wait', at: 1_200 });
  });

  it('rests the host for the delay after a fetch finishes', () => {
    const q = new FrontierQueue(1, 100);
    q.add(item('a.test', 0));
    q.add(item('a.test', 0));
    fetched(q.next(0));
    // The fetch took 400 ms: the next start is 100 ms after it ended, not after it started.
    q.finished('a.test', 400);
    expect(q.next(450)).toEqual({ kind: 'wait', at: 500 });
    fetched(q.next(500));
  });

  it('a fast fetch does not shorten the pause measured from its start', () => {
    const q = new FrontierQueue(1, 100);
    q.add(item('a.test', 0));
    q.add(item('a.test', 0));
    fetched(q.next(0));
    q.finished('a.test', 0);
    expect(q.next(99)).toEqual({ kind: 'wait', at: 100 });
    fetched(q.next(100));
  });

  it('prefers a ready host over a resting one with a lower (depth, seq)', () => {
    const q = new FrontierQueue(1, 1_000);
    q.add(item('a.test', 0, 1));
    q.add(item('a.test', 0, 2));
    q.add(item('b.test', 3, 10));
    expect(fetched(q.next(0)).seq).toBe(1);
    q.finished('a.test', 10);
    expect(fetched(q.next(20)).seq).toBe(10);
    expect(q.next(20)).toEqual({ kind: 'wait', at: 1_010 });
  });

  it('wakes at the earliest host that will be ready, ignoring busy hosts', () => {
    const q = new FrontierQueue(1, 0);
    for (const host of ['a.test', 'b.test', 'c.test', 'c.test']) q.add(item(host, 0));
    q.hold('a.test', 300);
    q.hold('b.test', 200);
    fetched(q.next(0)); // c.test, now busy with one more queued
    expect(q.next(0)).toEqual({ kind: 'wait', at: 200 });
    expect(q.hostsWaiting(0)).toBe(3);
  });

  it('hold() keeps a host back until the given time, and never shortens an existing wait', () => {
    const q = new FrontierQueue(1, 0);
    q.add(item('a.test', 0));
    q.hold('a.test', 5_000);
    q.hold('a.test', 1_000);
    expect(q.next(0)).toEqual({ kind: 'wait', at: 5_000 });
    expect(q.next(4_999)).toEqual({ kind: 'wait', at: 5_000 });
    fetched(q.next(5_000));
  });

  it('hold() before anything is queued still applies (robots.txt not yet known)', () => {
    const q = new FrontierQueue(1, 0);
    q.hold('a.test', 700);
    q.add(item('a.test', 0));
    expect(q.next(0)).toEqual({ kind: 'wait', at: 700 });
  });

  it('setDelay() lengthens one host’s pause but never below the crawl’s own delay', () => {
    const q = new FrontierQueue(1, 100);
    for (let i = 0; i < 3; i++) {
      q.add(item('slow.test', 0));
      q.add(item('quick.test', 0));
      q.add(item('other.test', 0));
    }
    q.setDelay('slow.test', 2_000);
    q.setDelay('quick.test', 10); // shorter than the crawl's 100 ms: ignored
    const starts = new Map<string, number>();
    for (let i = 0; i < 3; i++) starts.set(fetched(q.next(0)).host, 0);
    expect([...starts.keys()].sort()).toEqual(['other.test', 'quick.test', 'slow.test']);
    for (const host of starts.keys()) q.finished(host, 0);
    const next = q.next(50);
    expect(next).toEqual({ kind: 'wait', at: 100 });
    expect(new Set([fetched(q.next(100)).host, fetched(q.next(100)).host])).toEqual(
      new Set(['quick.test', 'other.test']),
    );
    // Both are busy now; slow.test rests until 2 000.
    expect(q.next(100)).toEqual({ kind: 'wait', at: 2_000 });
    q.finished('quick.test', 100);
    q.finished('other.test', 100);
    fetched(q.next(200));
    fetched(q.next(200));
    expect(q.next(200)).toEqual({ kind: 'wait', at: 2_000 });
    expect(fetched(q.next(2_000)).host).toBe('slow.test');
  });

  it('drain() removes and returns every queued URL of one host, in order, leaving others', () => {
    const q = new FrontierQueue(1, 0);
    const a = [item('a.test', 1, 3), item('a.test', 0, 9), item('a.test', 0, 2)];
    const b = item('b.test', 4, 1);
    for (const i of [...a, b]) q.add(i);
    expect(q.drain('a.test').map((i) => i.seq)).toEqual([2, 9, 3]);
    expect(q.size).toBe(1);
    expect(q.drain('a.test')).toEqual([]);
    expect(q.drain('never-seen.test')).toEqual([]);
    expect(fetched(q.next(0))).toEqual(b);
    expect(q.next(0)).toEqual({ kind: 'empty' });
    expect(q.hostsWaiting(0)).toBe(0);
  });

  it('a drained host can be queued again', () => {
    const q = new FrontierQueue(1, 0);
    q.add(item('a.test', 0));
    q.drain('a.test');
    const again = item('a.test', 0);
    q.add(again);
    expect(fetched(q.next(0))).toEqual(again);
  });

  it('hostsWaiting() counts hosts with queued URLs that are resting, held or busy', () => {
    const q = new FrontierQueue(1, 100);
    expect(q.hostsWaiting(0)).toBe(0);
    q.add(item('a.test', 0));
    q.add(item('a.test', 0));
    q.add(item('b.test', 0));
    q.add(item('c.test', 0));
    q.hold('c.test', 50);
    expect(q.hostsWaiting(0)).toBe(1); // c.test held
    fetched(q.next(0)); // a.test busy (one left queued)
    expect(q.hostsWaiting(0)).toBe(2);
    fetched(q.next(0)); // b.test: nothing left queued, so not counted
    expect(q.hostsWaiting(0)).toBe(2);
    expect(q.hostsWaiting(60)).toBe(1); // c.test's hold is over
    q.finished('a.test', 60);
    expect(q.hostsWaiting(100)).toBe(1); // a.test rests until 160
    expect(q.hostsWaiting(160)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Random schedules against a model

type Op =
  | { op: 'add'; host: number; depth: number }
  | { op: 'tick'; ms: number }
  | { op: 'next' }
  | { op: 'finish'; pick: number }
  | { op: 'hold'; host: number; ms: number }
  | { op: 'drain'; host: number };

const HOSTS = ['a.test', 'b.test', 'c.test', 'd.test'];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('add' as const), host: fc.nat(3), depth: fc.nat(3) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 120 }) }),
  },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('next' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('finish' as const), pick: fc.nat(20) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('hold' as const),
      host: fc.nat(3),
      ms: fc.integer({ min: 0, max: 300 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drain' as const), host: fc.nat(3) }) },
);

interface ModelHost {
  queued: QueuedUrl[];
  inFlight: number;
  delay: number;
  /** The model's own reading of the rules: max(hold, last start + delay, last finish + delay). */
  readyAt: number;
  lastStart: number | null;
}

const lower = (a: QueuedUrl, b: QueuedUrl) => a.depth < b.depth || (a.depth === b.depth && a.seq < b.seq);

describe('FrontierQueue on random schedules', () => {
  it('is polite, fair and loses nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 250 }), { nil: undefined }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.array(opArb, { maxLength: 150 }),
        (perHost, defaultDelay, hostDelays, ops) => {
          const q = new FrontierQueue(perHost, defaultDelay);
          const model = new Map<string, ModelHost>();
          HOSTS.forEach((name, i) => {
            const custom = hostDelays[i];
            if (custom !== undefined) q.setDelay(name, custom);
            model.set(name, {
              queued: [],
              inFlight: 0,
              delay: Math.max(defaultDelay, custom ?? 0),
              readyAt: 0,
              lastStart: null,
            });
          });
          let now = 0;
          let seq = 0;
          const added: string[] = [];
          const out: string[] = [];
          const running: string[] = []; // hosts of fetches in flight

          const start = (got: QueuedUrl): void => {
            const h = model.get(got.host)!;
            // Polite: under the connection limit, not before the host is ready, starts spaced by the delay.
            expect(h.inFlight).toBeLessThan(perHost);
            expect(now).toBeGreaterThanOrEqual(h.readyAt);
            if (h.lastStart !== null) expect(now - h.lastStart).toBeGreaterThanOrEqual(h.delay);
            h.lastStart = now;
            h.inFlight += 1;
            h.readyAt = Math.max(h.readyAt, now + h.delay);
            const at = h.queued.findIndex((x) => x.url === got.url);
            expect(at).toBeGreaterThanOrEqual(0);
            h.queued.splice(at, 1);
            running.push(got.host);
            out.push(got.url);
          };

          const checkNext = (): NextUrl => {
            const answer = q.next(now);
            const ready = [...model.values()].filter(
              (h) => h.queued.length > 0 && h.inFlight < perHost && h.readyAt <= now,
            );
            const total = [...model.values()].reduce((n, h) => n + h.queued.length, 0);
            if (total === 0) {
              expect(answer).toEqual({ kind: 'empty' });
            } else if (ready.length === 0) {
              const resting = [...model.values()]
                .filter((h) => h.queued.length > 0 && h.inFlight < perHost)
                .map((h) => h.readyAt);
              expect(answer).toEqual({
                kind: 'wait',
                at: resting.length === 0 ? null : Math.min(...resting),
              });
            } else {
              // Fair: the lowest (depth, seq) among the heads of the hosts that may take a request now.
              let best: QueuedUrl | null = null;
              for (const h of ready) for (const x of h.queued) if (best === null || lower(x, best)) best = x;
              expect(answer).toEqual({ kind: 'fetch', item: best });
              start(best!);
            }
            return answer;
          };

          const finish = (index: number): void => {
            const [host] = running.splice(index, 1);
            const h = model.get(host!)!;
            q.finished(host!, now);
            h.inFlight -= 1;
            h.readyAt = Math.max(h.readyAt, now + h.delay);
          };

          for (const op of ops) {
            switch (op.op) {
              case 'add': {
                const x: QueuedUrl = {
                  url: `https://${HOSTS[op.host]}/${++seq}`,
                  kind: 'page',
                  host: HOSTS[op.host]!,
                  depth: op.depth,
                  seq,
                };
                q.add(x);
                model.get(x.host)!.queued.push(x);
                added.push(x.url);
                break;
              }
              case 'tick':
                now += op.ms;
                break;
              case 'next':
                checkNext();
                break;
              case 'finish':
                if (running.length > 0) finish(op.pick % running.length);
                break;
              case 'hold': {
                const h = model.get(HOSTS[op.host]!)!;
                q.hold(HOSTS[op.host]!, now + op.ms);
                h.readyAt = Math.max(h.readyAt, now + op.ms);
                break;
              }
              case 'drain': {
                const h = model.get(HOSTS[op.host]!)!;
                const drained = q.drain(HOSTS[op.host]!);
                expect(drained.map((x) => x.url).sort()).toEqual(h.queued.map((x) => x.url).sort());
                for (let i = 1; i < drained.length; i++)
                  expect(lower(drained[i - 1]!, drained[i]!)).toBe(true);
                out.push(...drained.map((x) => x.url));
                h.queued = [];
                break;
              }
            }
            const waiting = [...model.values()].filter(
              (h) => h.queued.length > 0 && (h.inFlight >= perHost || h.readyAt > now),
            ).length;
            expect(q.hostsWaiting(now)).toBe(waiting);
            expect(q.size).toBe(added.length - out.length);
          }

          // Run the schedule to the end: finish fetches, sleep until told, until the queue is empty.
          for (let guard = 0; guard < 10_000; guard++) {
            const answer = checkNext();
            if (answer.kind === 'empty') break;
            if (answer.kind === 'wait') {
              if (running.length > 0) finish(0);
              else {
                // Nothing in flight: the queue must name a time, or the crawl would sleep forever.
                expect(answer.at).not.toBeNull();
                now = answer.at!;
              }
            }
          }
          // Every added URL came out exactly once (fetched or drained).
          expect([...out].sort()).toEqual([...added].sort());
          expect(new Set(out).size).toBe(out.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
