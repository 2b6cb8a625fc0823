/**
 * Google's own robots.txt test suite (google/robotstxt robots_test.cc, 145 allow/disallow expectations,
 * see ../shared/data/conformance/SOURCE.txt) run through parseRobots + isAllowed. Every RFC case must pass;
 * a Google-only case may differ only when it is listed below with the reason, and each listed case must
 * really differ, so the list cannot go stale.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAllowed } from '../../../../src/core/crawl/robots/match.ts';
import { parseRobots } from '../../../../src/core/crawl/robots/parse.ts';
import { sharedData } from '../../../support/paths.ts';

interface ConformanceCase {
  test: string;
  robots: string;
  agent: string;
  url: string;
  allowed: boolean;
  googleOnly: boolean;
  line: number;
}

const CASES = JSON.parse(
  readFileSync(sharedData('conformance', 'google-robotstxt.json'), 'utf8'),
) as ConformanceCase[];

/** Google-only expectations we knowingly do not meet, by robots_test.cc line. */
const KNOWN_DIFFERENCES: ReadonlyMap<number, string> = new Map([
  [
    247,
    'agent "Foo Bar": Google compares the caller\'s string as given, and "Foo Bar" (not a valid token) ' +
      'matches no group, so the "*" group disallows. isAllowed takes a full User-Agent header and matches its ' +
      'product token, "Foo", so the "Foo Bar" group (read as "Foo" by both) allows /x/y.',
  ],
]);

const label = (c: ConformanceCase) =>
  `${c.test} line ${c.line}: ${JSON.stringify(c.agent)} ${JSON.stringify(c.url.slice(0, 80))}`;

describe('google/robotstxt conformance', () => {
  it('holds the 145 expectations SOURCE.txt describes', () => {
    expect(CASES).toHaveLength(145);
    expect(CASES.filter((c) => c.googleOnly)).toHaveLength(73);
  });

  it.each(CASES.filter((c) => !c.googleOnly).map((c) => [label(c), c] as const))('%s', (_, c) => {
    expect(isAllowed(parseRobots(c.robots), c.agent, c.url)).toBe(c.allowed);
  });

  it.each(
    CASES.filter((c) => c.googleOnly && !KNOWN_DIFFERENCES.has(c.line)).map((c) => [label(c), c] as const),
  )('Google-only %s', (_, c) => {
    expect(isAllowed(parseRobots(c.robots), c.agent, c.url)).toBe(c.allowed);
  });

  it.each([...KNOWN_DIFFERENCES].map(([line, reason]) => [line, reason] as const))(
    'known difference at line %i really differs (%s)',
    (line) => {
      const c = CASES.find((x) => x.line === line);
      expect(c, `no case at line ${line}`).toBeDefined();
      expect(c!.googleOnly).toBe(true);
      expect(isAllowed(parseRobots(c!.robots), c!.agent, c!.url)).toBe(!c!.allowed);
    },
  );

  it('reads the "Foo Bar" group of line 247 as Google does: a group for Foo, not for Bar', () => {
    const c = CASES.find((x) => x.line === 247)!;
    expect(isAllowed(parseRobots(c.robots), 'Foo', c.url)).toBe(true);
    expect(isAllowed(parseRobots(c.robots), 'Bar', c.url)).toBe(false);
  });
});
