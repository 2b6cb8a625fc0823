/**
 * The ledger rules at the planner level (pure, no store): the first-capture fast path equals the general
 * path, planning what is already stored changes nothing, and the loss verdicts follow docs/ledger.md.
 */
import { describe, expect, it } from 'vitest';
import type { PageLedgerState, StoredLink } from '../../../src/core/ledger/model.ts';
import { materializeFresh, planFreshCapture } from '../../../src/core/ledger/plan-fresh.ts';
import { planPage, planPageGeneral } from '../../../src/core/ledger/plan-page.ts';
import { registrableDomain } from '../../../src/core/url/host-keys.ts';
import { capture, day, link, nofollow, observation, randomScenario } from '../../contract/ledger-fixtures.ts';

const ctx = { domainOf: registrableDomain };
const A = 'https://blog.one.org/post';
const T = 'https://acme.com/x';

/** Applies a plan to a page state the way a store would (ids made up), for chained planning. */
function apply(url: string, state: PageLedgerState | null, ...inputs: Parameters<typeof planPage>[2][]) {
  let s = state;
  for (const captures of inputs) {
    const plan = planPage(url, s, captures, [], ctx);
    const fresh = plan.fresh ? materializeFresh(plan.page, plan.fresh) : [];
    const page = { ...plan.page, id: s?.page.id ?? 1 };
    let next = (s?.links.length ?? 0) + 1;
    const byId = new Map((s?.links ?? []).map((l) => [l.id, l]));
    for (const t of plan.touchedLinks) byId.set(t.link.id, t.link);
    for (const n of [...plan.newLinks, ...fresh]) {
      const id = next++;
      byId.set(id, { ...n.link, id, pageId: page.id });
    }
    s = { page, captures: [...(s?.captures ?? []), ...plan.newCaptures], links: [...byId.values()] };
  }
  return s!;
}

const only = (state: PageLedgerState, followed = true): StoredLink =>
  state.links.find((l) => l.targetUrl === T && l.followed === followed)!;

describe('plan-page', () => {
  it('takes the fast path for a first capture and gives what the general path gives', () => {
    const captures = randomScenario(3, 40, 1).filter((i) => 'capturedAt' in i);
    expect(captures.length).toBeGreaterThan(30);
    for (const c of captures) {
      if (!('capturedAt' in c)) continue;
      const general = planPageGeneral(c.page.url, null, [c], [], ctx);
      const page = { ...general.page, captured: false, status: null, fetchedAt: null, state: null };
      const fastPlan = planFreshCapture(
        { ...page, canonical: null, title: null, lang: null, contentHash: null, textDigest: null },
        c,
        ctx,
      );
      expect(fastPlan.page).toEqual(general.page);
      expect(fastPlan.newCaptures).toEqual(general.newCaptures);
      expect(fastPlan.counts).toEqual(general.counts);
      const rows = fastPlan.fresh ? materializeFresh(fastPlan.page, fastPlan.fresh) : [];
      expect(rows).toEqual(general.newLinks);
      expect(planPage(c.page.url, null, [c], [], ctx).fresh === null).toBe(fastPlan.fresh === null);
    }
  });

  it('finds the host of every link on the fast path, also when consecutive links look alike', () => {
    // Consecutive links reuse the previous host only when the URL really has it; each of these follows a
    // link to acme.com and has another host (or the same one in another form).
    const targets = [
      'https://acme.com/',
      'https://acme.com.evil.org/x',
      'https://acme.com/a',
      'https://acme.com:8443/b',
      'https://acme.com/c',
      'https://acme.com:pw@other.org/d',
      'https://acme.com/e',
      'https://acme.company.io/f',
      'https://acme.com?q=1',
      'https://acme.com#top',
      'http://acme.com/g',
      'https://acme.com@user.example/h',
    ];
    // Rel values come and go too: the fast path keeps each page's distinct ones once.
    const rels = [[], ['nofollow'], ['sponsored', 'noopener'], [], ['ugc'], ['nofollow']];
    const c = capture(
      A,
      day(1),
      targets.map((t, i) => link(t, { rel: rels[i % rels.length]! })),
    );
    const general = planPageGeneral(A, null, [c], [], ctx);
    const fastPlan = planFreshCapture({ ...general.page }, c, ctx);
    const rows = materializeFresh(fastPlan.page, fastPlan.fresh!);
    expect(rows).toEqual(general.newLinks);
    expect(rows.map((r) => r.link.rel)).toEqual(targets.map((_, i) => rels[i % rels.length]!.join(' ')));
    expect(fastPlan.fresh!.rels).toEqual(['', 'nofollow', 'sponsored noopener', 'ugc']);
    expect(rows.map((r) => r.link.targetHost)).toEqual([
      'acme.com',
      'acme.com.evil.org',
      'acme.com',
      'acme.com',
      'acme.com',
      'other.org',
      'acme.com',
      'acme.company.io',
      'acme.com',
      'acme.com',
      'acme.com',
      'user.example',
    ]);
  });

  it('changes nothing when planning what is already stored', () => {
    const c1 = capture(A, day(1), [link(T), nofollow('https://b.org/')]);
    const state = apply(A, null, [c1], [capture(A, day(2), [link(T)])]);
    const again = planPage(A, state, [c1, capture(A, day(2), [link(T)])], [], ctx);
    expect(again.pageChanged).toBe(false);
    expect(again.newCaptures).toEqual([]);
    expect(again.newLinks).toEqual([]);
    expect(again.touchedLinks.every((t) => !t.changed)).toBe(true);
  });

  it('loses links with the reason of the first capture that does not count them', () => {
    const gone = apply(A, null, [capture(A, day(1), [link(T)])], [capture(A, day(2), [], { status: 410 })]);
    expect(only(gone)).toMatchObject({ lostAt: day(2), lostReason: 'page-gone' });
    const flipped = apply(A, null, [capture(A, day(1), [link(T)])], [capture(A, day(2), [nofollow(T)])]);
    expect(only(flipped)).toMatchObject({ lostAt: day(2), lostReason: 'became-nofollow' });
    expect(only(flipped, false)).toMatchObject({ lostAt: null, firstSeen: day(2) });
    const later = apply(A, flipped, [capture(A, day(3), [])]);
    expect(only(later)).toMatchObject({ lostAt: day(2), lostReason: 'became-nofollow' });
    expect(only(later, false)).toMatchObject({ lostAt: day(3), lostReason: 'removed' });
  });

  it('ignores unavailable captures and takes the earliest evidence of a loss', () => {
    const s = apply(A, null, [capture(A, day(1), [link(T)])], [capture(A, day(2), [], { status: 503 })]);
    expect(only(s).lostAt).toBeNull();
    expect(s.page.fetchedAt).toBe(day(1));
    const late = apply(
      A,
      null,
      [capture(A, day(1), [link(T)])],
      [capture(A, day(5), [])],
      [capture(A, day(3), [])],
    );
    expect(only(late)).toMatchObject({ lostAt: day(3), lostReason: 'removed' });
  });

  it('records links of noindex pages as seen but never live', () => {
    const s = apply(A, null, [capture(A, day(1), [link(T)], { noindex: true })]);
    expect(only(s)).toMatchObject({
      firstSeen: day(1),
      lastLive: null,
      lostAt: day(1),
      lostReason: 'noindex',
    });
    const back = apply(A, s, [capture(A, day(2), [link(T)])]);
    expect(only(back)).toMatchObject({ lastLive: day(2), lostAt: null });
  });

  it('lets a later source report revive a lost link and keeps attributes from the newest sighting', () => {
    const s = apply(A, null, [capture(A, day(1), [link(T, { anchor: 'new' })])], [capture(A, day(2), [])]);
    const plan = planPage(
      A,
      s,
      [],
      [observation(A, T, day(4), { source: 'gsc' }), observation(A, T, day(0), { anchor: 'old', rel: [] })],
      ctx,
    );
    const t = plan.touchedLinks.find((x) => x.link.targetUrl === T)!;
    expect(t.link).toMatchObject({ firstSeen: day(0), lastSeen: day(4), lostAt: null, anchor: 'new' });
    expect(plan.counts.revived).toBe(1);
    expect(t.seen.map((x) => x.source).sort()).toEqual(['csv', 'gsc']);
  });
});
