/**
 * The target every page reports on (header input) lives in the route, `target` and `scope`, so pages,
 * links between them and bookmarks agree on it.
 */
import { SCOPES, type Scope } from './api/types.ts';
import { oneOfParam } from './router/params.ts';

export interface TargetState {
  /** null: none chosen yet. */
  target: string | null;
  scope: Scope;
}

export function targetOf(params: URLSearchParams): TargetState {
  const target = params.get('target')?.trim() || null;
  return { target, scope: oneOfParam(params, 'scope', SCOPES, 'domain') };
}

/** The API's `target` / `scope` query for a chosen target. */
export function targetQuery(t: TargetState & { target: string }): { target: string; scope: Scope } {
  return { target: t.target, scope: t.scope };
}
