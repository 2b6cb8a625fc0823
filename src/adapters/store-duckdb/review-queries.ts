/**
 * The review workflow in DuckDB: the whitelist (`reviews`, one row per target, kind and value) and the
 * disavow file versions (`disavow_versions`, numbered per target). Both tables: schema.ts; optimize.ts
 * copies them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DisavowVersion, NewDisavowVersion, ReviewEntry, ReviewKind } from '../../core/ledger/review.ts';
import { ms, ts } from './schema.ts';

type Row = Record<string, unknown>;

export async function addReview(conn: DuckDBConnection, e: ReviewEntry): Promise<void> {
  await conn.run(`INSERT OR REPLACE INTO reviews VALUES ($1, $2, $3, $4, ${ts('$5')})`, [
    e.target,
    e.kind,
    e.value,
    e.note,
    e.at,
  ]);
}

export async function reviewsOf(conn: DuckDBConnection, target: string): Promise<ReviewEntry[]> {
  const found = (
    await conn.runAndReadAll(
      `SELECT target, kind, value, note, ${ms('reviewed_at')} AS at FROM reviews WHERE target = $1 ORDER BY kind, value`,
      [target],
    )
  ).getRowObjectsJS() as Row[];
  return found.map((r) => ({
    target: r.target as string,
    kind: r.kind as ReviewKind,
    value: r.value as string,
    note: r.note as string,
    at: r.at as number,
  }));
}

export async function removeReview(
  conn: DuckDBConnection,
  target: string,
  kind: ReviewKind,
  value: string,
): Promise<boolean> {
  const removed = await conn.runAndReadAll(
    'DELETE FROM reviews WHERE target = $1 AND kind = $2 AND value = $3 RETURNING value',
    [target, kind, value],
  );
  return removed.getRows().length > 0;
}

export async function saveDisavowVersion(
  conn: DuckDBConnection,
  v: NewDisavowVersion,
): Promise<DisavowVersion> {
  // One statement: the next number and the row are written together.
  const saved = (
    await conn.runAndReadAll(
      `INSERT INTO disavow_versions SELECT $1, coalesce(max(version), 0) + 1, ${ts('$2')}, $3, $4
       FROM disavow_versions WHERE target = $1 RETURNING version`,
      [v.target, v.createdAt, v.content, v.entries],
    )
  ).getRowObjectsJS() as Row[];
  const { target, createdAt, content, entries } = v;
  return { target, createdAt, content, entries, version: saved[0]!.version as number };
}

export async function disavowVersionsOf(conn: DuckDBConnection, target: string): Promise<DisavowVersion[]> {
  const found = (
    await conn.runAndReadAll(
      `SELECT target, version, ${ms('created_at')} AS created_at, content, entries FROM disavow_versions
       WHERE target = $1 ORDER BY created_at DESC, version DESC`,
      [target],
    )
  ).getRowObjectsJS() as Row[];
  return found.map((r) => ({
    target: r.target as string,
    createdAt: r.created_at as number,
    content: r.content as string,
    entries: r.entries as number,
    version: r.version as number,
  }));
}
