/** isAllowed / matchingRule: group choice, longest match, ties, /robots.txt, and properties over random rules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crawlDelaySeconds, sitemaps } from '../../../../src/core/crawl/robots/hints.ts';
import { isAllowed, matchingRule } from '../../../../src/core/crawl/robots/match.ts';
import { parseRobots } from '../../../../src/core/crawl/robots/parse.ts';

const UA = 'linkledger/0.1 (+https://example.com/linkledger)';
const url = (path: string) => `https://example.com${path}`;

describe('isAllowed', () => {
  it('matches the product token of a full User-Agent, case-insensitively', () => {
    const robots = parseRobots('User-agent: LinkLedger\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n');
    expect(isAllowed(robots, UA, url('/public'))).toBe(true);
    expect(isAllowed(robots, UA, url('/private/x'))).toBe(false);
    expect(isAllowed(robots, 'otherbot/1.0', url('/public'))).toBe(false);
  });

  it('merges every group naming the crawler and ignores * then', () => {
    const robots = parseRobots(
      'User-agent: linkledger\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n\nUser-agent: LINKLEDGER\nDisallow: /b\n',
    );
    expect(isAllowed(robots, UA, url('/a'))).toBe(false);
    expect(isAllowed(robots, UA, url('/b'))).toBe(false);
    expect(isAllowed(robots, UA, url('/c'))).toBe(true);
  });

  it('lets a crawler with an empty group crawl everything, even when * disallows', () => {
    const robots = parseRobots('User-agent: linkledger\nDisallow:\n\nUser-agent: *\nDisallow: /\n');
    expect(isAllowed(robots, UA, url('/anything'))).toBe(true);
  });

  it('takes the longest matching pattern; allow wins a tie', () => {
    const robots = parseRobots(
      'User-agent: *\nDisallow: /shop\nAllow: /shop/\nDisallow: /shop/cart\nAllow: /*.css\n',
    );
    expect(matchingRule(robots, UA, url('/shop'))).toMatchObject({ type: 'disallow', line: 2 });
    expect(matchingRule(robots, UA, url('/shop/shoes'))).toMatchObject({ type: 'allow', line: 3 });
    expect(matchingRule(robots, UA, url('/shop/cart?id=1'))).toMatchObject({ type: 'disallow', line: 4 });
    expect(matchingRule(robots, UA, url('/shop.css'))).toMatchObject({ type: 'allow', line: 5 });
    expect(matchingRule(robots, UA, url('/other'))).toBeNull();
  });

  it('matches the query and params but not the fragment', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /*?sort=\nDisallow: /*;jsessionid\n');
    expect(isAllowed(robots, UA, url('/list?sort=asc'))).toBe(false);
    expect(isAllowed(robots, UA, url('/list;jsessionid=1'))).toBe(false);
    expect(isAllowed(robots, UA, url('/list#?sort=asc'))).toBe(true);
  });

  it('always allows /robots.txt', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /\n');
    expect(isAllowed(robots, UA, url('/robots.txt'))).toBe(true);
    expect(isAllowed(robots, UA, url('/robots.txt?x'))).toBe(false);
  });

  it('allows everything with no groups, or no group for the crawler and no * group', () => {
    expect(isAllowed(parseRobots(''), UA, url('/'))).toBe(true);
    expect(isAllowed(parseRobots('User-agent: other\nDisallow: /\n'), UA, url('/'))).toBe(true);
  });

  it('reads Allow: /dir/index.html as also allowing /dir/ (Google)', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /\nAllow: /dir/index.htm\n');
    expect(isAllowed(robots, UA, url('/dir/'))).toBe(true);
    expect(isAllowed(robots, UA, url('/dir/index.htm'))).toBe(true);
    expect(isAllowed(robots, UA, url('/dir/other'))).toBe(false);
  });

  it('compiles once per file and token: repeated answers come from the cache and stay right', () => {
    const robots = parseRobots('User-agent: a\nDisallow: /a\nUser-agent: *\nDisallow: /b\n');
    for (let i = 0; i < 3; i++) {
      expect(isAllowed(robots, 'a', url('/a'))).toBe(false);
      expect(isAllowed(robots, 'a', url('/b'))).toBe(true);
      expect(isAllowed(robots, 'b', url('/a'))).toBe(true);
      expect(isAllowed(robots, 'b', url('/b'))).toBe(false);
    }
  });
});

describe('isAllowed: properties', () => {
  const segment = fc.stringMatching(/^[a-z0-9._~%-]{0,8}$/);
  const path = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
  const pattern = fc.oneof(
    path,
    path.map((p) => `${p}*`),
    path.map((p) => `${p}$`),
  );

  it('a "Disallow: /" group blocks every path except /robots.txt', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /\n');
    fc.assert(
      fc.property(path, fc.stringMatching(/^(\?[a-z=&]{0,6})?$/), (p, query) => {
        const u = url(`${p}${query}`);
        expect(isAllowed(robots, UA, u)).toBe(`${p}${query}` === '/robots.txt');
      }),
    );
  });

  it('an allow rule identical to a disallow rule wins, in either order', () => {
    fc.assert(
      fc.property(pattern, path, fc.boolean(), (pat, p, allowFirst) => {
        const rules = allowFirst ? `Allow: ${pat}\nDisallow: ${pat}` : `Disallow: ${pat}\nAllow: ${pat}`;
        expect(isAllowed(parseRobots(`User-agent: *\n${rules}\n`), UA, url(p))).toBe(true);
      }),
    );
  });

  it('rule order in the file does not change the answer', () => {
    const rule = fc.tuple(fc.constantFrom('Allow', 'Disallow'), pattern).map(([k, p]) => `${k}: ${p}`);
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), path, (rules, p) => {
        const forward = parseRobots(`User-agent: *\n${rules.join('\n')}\n`);
        const backward = parseRobots(`User-agent: *\n${[...rules].reverse().join('\n')}\n`);
        expect(isAllowed(backward, UA, url(p))).toBe(isAllowed(forward, UA, url(p)));
      }),
    );
  });

  it('a group for the crawler makes the * group irrelevant', () => {
    fc.assert(
      fc.property(pattern, pattern, path, (mine, global, p) => {
        const alone = parseRobots(`User-agent: linkledger\nDisallow: ${mine}\n`);
        const withGlobal = parseRobots(
          `User-agent: *\nDisallow: ${global}\n\nUser-agent: linkledger\nDisallow: ${mine}\n`,
        );
        expect(isAllowed(withGlobal, UA, url(p))).toBe(isAllowed(alone, UA, url(p)));
      }),
    );
  });
});

describe('crawlDelaySeconds and sitemaps', () => {
  const robots = parseRobots(
    'User-agent: *\nCrawl-delay: 5\nDisallow: /tmp\n\nUser-agent: linkledger\nCrawl-delay: 1\nDisallow: /x\n\n' +
      'User-agent: linkledger\nCrawl-delay: 3\nSitemap: https://example.com/s.xml\nsitemap: https://example.com/s.xml\n',
  );

  it("takes the crawler's groups as for rules, and the largest value", () => {
    expect(crawlDelaySeconds(robots, UA)).toBe(3);
    expect(crawlDelaySeconds(robots, 'otherbot')).toBe(5);
    expect(crawlDelaySeconds(parseRobots('User-agent: *\nDisallow: /\n'), UA)).toBeNull();
  });

  it('reads a group whose only line is a crawl-delay as sharing the next group, as Google does', () => {
    // Only allow/disallow lines end a list of agents: Google reads "*" and "a" as one group here.
    const shared = parseRobots('User-agent: *\nCrawl-delay: 5\n\nUser-agent: a\nDisallow: /x\n');
    expect(shared.groups.map((g) => g.agents)).toEqual([['*', 'a']]);
    expect(crawlDelaySeconds(shared, 'a')).toBe(5);
    expect(isAllowed(shared, 'otherbot', url('/x'))).toBe(false);
  });

  it('lists the sitemaps once each', () => {
    expect(sitemaps(robots)).toEqual(['https://example.com/s.xml']);
  });
});
