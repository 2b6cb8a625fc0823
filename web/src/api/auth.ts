/**
 * The API token, kept for the browser tab only (sessionStorage: closing the tab forgets it, and other
 * sites' tabs never see it). A 401 or 403 from any request opens the token prompt; saving a token bumps
 * `version`, which every data hook depends on, so the page reloads what it showed with the new token.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'linkledger.token';

export type TokenPromptReason = 'missing' | 'rejected' | 'forbidden';

interface AuthState {
  token: string | null;
  /** Bumped whenever the token changes: data hooks refetch. */
  version: number;
  /** Why the prompt is open; null when closed. */
  prompt: TokenPromptReason | null;
  /** A request was refused for want of a (valid) token since the token last changed. */
  unauthorized: boolean;
}

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    // Storage can be disabled (privacy settings); the token then lives in memory only.
    return null;
  }
}

let state: AuthState = { token: readStoredToken(), version: 0, prompt: null, unauthorized: false };
const listeners = new Set<() => void>();

function update(next: Partial<AuthState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function currentToken(): string | null {
  return state.token;
}

export function setToken(token: string | null): void {
  const clean = token?.trim() || null;
  try {
    if (clean === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, clean);
  } catch {
    // See readStoredToken.
  }
  update({ token: clean, version: state.version + 1, prompt: null, unauthorized: false });
}

/** Called by the client on 401/403 (and by the "Enter token" button); the first reason wins until answered. */
export function requestToken(reason: TokenPromptReason): void {
  const unauthorized = state.unauthorized || reason !== 'forbidden';
  if (state.prompt === null || unauthorized !== state.unauthorized)
    update({ prompt: state.prompt ?? reason, unauthorized });
}

export function dismissTokenPrompt(): void {
  update({ prompt: null });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAuth(): AuthState {
  return useSyncExternalStore(subscribe, () => state);
}
