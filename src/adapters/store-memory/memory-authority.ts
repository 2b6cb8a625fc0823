/**
 * The memory store's authority: the last rank run and one map of scores per level, replaced whole by each
 * run (the same contract as the DuckDB table `authority`). Values are copied in and out.
 */
import {
  AUTHORITY_LEVELS,
  type AuthorityLevel,
  type AuthorityRun,
  type AuthorityScore,
  type LevelScores,
} from '../../core/ledger/authority.ts';
import { compareText } from './memory-queries.ts';

export class MemoryAuthority {
  private run: AuthorityRun | null = null;
  private levels = new Map<AuthorityLevel, Map<string, AuthorityScore>>();

  save(run: AuthorityRun, levels: readonly LevelScores[]): void {
    const next = new Map<AuthorityLevel, Map<string, AuthorityScore>>();
    for (const level of AUTHORITY_LEVELS) next.set(level, new Map());
    for (const { level, keys, ranks, scores } of levels) {
      if (ranks.length !== keys.length || scores.length !== keys.length)
        throw new Error(
          `saveAuthority: ${level} has ${keys.length} keys, ${ranks.length} ranks, ${scores.length} scores`,
        );
      const map = next.get(level)!;
      for (let i = 0; i < keys.length; i++)
        map.set(keys[i]!, { key: keys[i]!, rank: ranks[i]!, score: scores[i]! });
    }
    this.run = structuredClone(run);
    this.levels = next;
  }

  lastRun(): AuthorityRun | null {
    return this.run === null ? null : structuredClone(this.run);
  }

  of(level: AuthorityLevel, keys: readonly string[]): Map<string, AuthorityScore> {
    const map = this.levels.get(level);
    const out = new Map<string, AuthorityScore>();
    if (map === undefined) return out;
    for (const key of keys) {
      const found = map.get(key);
      if (found) out.set(key, { ...found });
    }
    return out;
  }

  top(level: AuthorityLevel, limit?: number): AuthorityScore[] {
    const all = [...(this.levels.get(level)?.values() ?? [])].sort(
      (a, b) => b.score - a.score || b.rank - a.rank || compareText(a.key, b.key),
    );
    return (limit === undefined ? all : all.slice(0, limit)).map((s) => ({ ...s }));
  }
}
