/**
 * The rank run's side of the DuckDB ledger: streaming the link graph out of `links`, and the `authority`
 * table (schema.ts) the scores of the last run live in. Saving replaces every row in one transaction, so
 * reports never see half of one run and half of another.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  AuthorityLevel,
  AuthorityRun,
  AuthorityScore,
  GraphLink,
  LevelScores,
} from '../../core/ledger/authority.ts';
import type { LedgerKind } from '../../core/ledger/model.ts';
import { ChunkWriter } from './chunk-writer.ts';
import { resetStage, ts } from './schema.ts';
import { withStageAppenders } from './stage-appenders.ts';
import { stageUrls } from './stage-urls.ts';

type Row = Record<string, unknown>;
const RUN_KEY = 'authority_run';

/** Every link as an edge, chunk by chunk (DuckDB's streaming result: memory holds one chunk at a time). */
export async function streamLinkGraph(
  conn: DuckDBConnection,
  onBatch: (links: readonly GraphLink[]) => void,
): Promise<number> {
  const result = await conn.stream(
    'SELECT source_url, target_url, followed, kind, lost_at IS NULL AS live FROM links',
  );
  let count = 0;
  for await (const rows of result.yieldRowsJs()) {
    const batch: GraphLink[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      batch[i] = {
        sourceUrl: r[0] as string,
        targetUrl: r[1] as string,
        followed: r[2] as boolean,
        kind: r[3] as LedgerKind,
        live: r[4] as boolean,
      };
    }
    count += batch.length;
    if (batch.length > 0) onBatch(batch);
  }
  return count;
}

export async function saveAuthority(
  conn: DuckDBConnection,
  run: AuthorityRun,
  levels: readonly LevelScores[],
): Promise<void> {
  for (const { level, keys, ranks, scores } of levels) {
    if (ranks.length !== keys.length || scores.length !== keys.length)
      throw new Error(
        `saveAuthority: ${level} has ${keys.length} keys, ${ranks.length} ranks, ${scores.length} scores`,
      );
  }
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run('DELETE FROM authority');
    await conn.run(`DELETE FROM ledger_meta WHERE key = '${RUN_KEY}'`);
    await conn.run(`INSERT INTO ledger_meta VALUES ('${RUN_KEY}', $1)`, [JSON.stringify(run)]);
    // ranked_at is filled in SQL afterwards: one constant, not one value per row through the API.
    await conn.run(resetStage('stage_authority'));
    await withStageAppenders(conn, async (open) => {
      const writer = new ChunkWriter(await open('stage_authority'), [
        'varchar',
        'varchar',
        'double',
        'double',
      ]);
      for (const { level, keys, ranks, scores } of levels) {
        for (let i = 0; i < keys.length; i++) writer.add([level, keys[i]!, ranks[i]!, scores[i]!]);
      }
      writer.close();
    });
    await conn.run(`INSERT INTO authority SELECT level, key, rank, score, ${ts('$1')} FROM stage_authority`, [
      run.rankedAt,
    ]);
    await conn.run(resetStage('stage_authority'));
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function readAuthorityRun(conn: DuckDBConnection): Promise<AuthorityRun | null> {
  const found = (
    await conn.runAndReadAll(`SELECT value FROM ledger_meta WHERE key = '${RUN_KEY}'`)
  ).getRowObjectsJS() as Row[];
  return found.length === 0 ? null : (JSON.parse(found[0]!.value as string) as AuthorityRun);
}

export async function authorityOf(
  conn: DuckDBConnection,
  level: AuthorityLevel,
  keys: readonly string[],
): Promise<Map<string, AuthorityScore>> {
  const out = new Map<string, AuthorityScore>();
  if (keys.length === 0) return out;
  await stageUrls(conn, keys);
  const found = (
    await conn.runAndReadAll(
      'SELECT key, rank, score FROM authority WHERE level = $1 AND key IN (SELECT url FROM stage_urls)',
      [level],
    )
  ).getRowObjectsJS() as Row[];
  for (const r of found) out.set(r.key as string, scoreOf(r));
  return out;
}

export async function topAuthority(
  conn: DuckDBConnection,
  level: AuthorityLevel,
  limit?: number,
): Promise<AuthorityScore[]> {
  const cap = limit === undefined ? '' : `LIMIT ${Math.max(0, Math.floor(limit))}`;
  const found = (
    await conn.runAndReadAll(
      `SELECT key, rank, score FROM authority WHERE level = $1 ORDER BY score DESC, rank DESC, key ${cap}`,
      [level],
    )
  ).getRowObjectsJS() as Row[];
  return found.map(scoreOf);
}

function scoreOf(r: Row): AuthorityScore {
  return { key: r.key as string, rank: r.rank as number, score: r.score as number };
}
