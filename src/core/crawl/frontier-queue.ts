/**
 * The crawl's schedule: which queued URL may be fetched now without being rude to its host.
 *
 * Breadth-first: among the hosts that may take a request now, the URL with the lowest (depth, seq) goes
 * first. Politeness per host name (not per IP or port: a host name is what a site owner configures):
 *   - at most `perHost` requests in flight;
 *   - two request starts at least `delay` apart, and a new request no sooner than `delay` after the last
 *     one finished (so with one connection, the host rests `delay` between requests);
 *   - a host can be held until a time (Retry-After, backoff after a 5xx, robots.txt not yet known).
 * Pure: time is passed in; the caller sleeps until `waitUntil` when nothing is ready.
 */
import type { FrontierKind } from './frontier-model.ts';
import { MinHeap } from './min-heap.ts';

export interface QueuedUrl {
  url: string;
  kind: FrontierKind;
  host: string;
  depth: number;
  seq: number;
}

interface HostState {
  queue: MinHeap<QueuedUrl>;
  inFlight: number;
  /** Earliest time the next request may start. */
  nextStart: number;
  delay: number;
}

export type NextUrl =
  | { kind: 'fetch'; item: QueuedUrl }
  /** Something is queued but every such host is resting or busy: ask again at `at` (or when a fetch ends). */
  | { kind: 'wait'; at: number | null }
  /** Nothing queued. */
  | { kind: 'empty' };

const before = (a: QueuedUrl, b: QueuedUrl): boolean =>
  a.depth < b.depth || (a.depth === b.depth && a.seq < b.seq);

export class FrontierQueue {
  private readonly hosts = new Map<string, HostState>();
  /** Hosts with queued URLs. */
  private readonly pending = new Set<string>();
  private queued = 0;

  constructor(
    private readonly perHost: number,
    private readonly defaultDelay: number,
  ) {}

  get size(): number {
    return this.queued;
  }

  add(item: QueuedUrl): void {
    this.host(item.host).queue.push(item);
    this.pending.add(item.host);
    this.queued += 1;
  }

  /** A host's own pause (robots.txt Crawl-delay), when longer than the crawl's. */
  setDelay(host: string, delayMs: number): void {
    const h = this.host(host);
    h.delay = Math.max(this.defaultDelay, delayMs);
  }

  /** No request to `host` before `until`. */
  hold(host: string, until: number): void {
    const h = this.host(host);
    h.nextStart = Math.max(h.nextStart, until);
  }

  /** Takes the next URL that may be fetched at `now`, and counts it in flight. */
  next(now: number): NextUrl {
    if (this.queued === 0) return { kind: 'empty' };
    let best: HostState | null = null;
    let bestHead: QueuedUrl | null = null;
    let wakeAt: number | null = null;
    for (const name of this.pending) {
      const h = this.hosts.get(name)!;
      if (h.inFlight >= this.perHost) continue; // woken by `finished`
      if (h.nextStart > now) {
        wakeAt = wakeAt === null ? h.nextStart : Math.min(wakeAt, h.nextStart);
        continue;
      }
      const head = h.queue.peek()!;
      if (bestHead === null || before(head, bestHead)) {
        best = h;
        bestHead = head;
      }
    }
    if (best === null || bestHead === null) return { kind: 'wait', at: wakeAt };
    best.queue.pop();
    this.queued -= 1;
    if (best.queue.size === 0) this.pending.delete(bestHead.host);
    best.inFlight += 1;
    best.nextStart = Math.max(best.nextStart, now + best.delay);
    return { kind: 'fetch', item: bestHead };
  }

  /** Marks a fetch of `host` finished at `now` (call once per `next` that returned it). */
  finished(host: string, now: number): void {
    const h = this.host(host);
    h.inFlight = Math.max(0, h.inFlight - 1);
    h.nextStart = Math.max(h.nextStart, now + h.delay);
  }

  /** Hosts with queued URLs that must wait (resting, held, or at their connection limit) at `now`. */
  hostsWaiting(now: number): number {
    let n = 0;
    for (const name of this.pending) {
      const h = this.hosts.get(name)!;
      if (h.inFlight >= this.perHost || h.nextStart > now) n += 1;
    }
    return n;
  }

  /** Drops every queued URL of a host (robots.txt unavailable for good); returns them. */
  drain(host: string): QueuedUrl[] {
    const h = this.hosts.get(host);
    if (!h) return [];
    const out: QueuedUrl[] = [];
    for (let item = h.queue.pop(); item !== undefined; item = h.queue.pop()) out.push(item);
    this.queued -= out.length;
    this.pending.delete(host);
    return out;
  }

  private host(name: string): HostState {
    let h = this.hosts.get(name);
    if (!h) {
      h = { queue: new MinHeap(before), inFlight: 0, nextStart: 0, delay: this.defaultDelay };
      this.hosts.set(name, h);
    }
    return h;
  }
}
