/**
 * Data loading for the pages: one GET per distinct URL, aborted when the URL changes or the page goes
 * away. The previous data stays on screen while the next loads (tables dim instead of collapsing, so the
 * layout does not jump); `reload` fetches again; a new token or finished job (see dataVersion) refetches.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useAuth } from './auth.ts';
import { ApiError, apiJson, apiUrl, type Query } from './client.ts';

// ------------------------------------------------------------------- data version (ledger changed)

let dataVersion = 0;
const dataListeners = new Set<() => void>();

/** Called when the ledger changed under the pages (an import or rank job finished): they refetch. */
export function ledgerChanged(): void {
  dataVersion += 1;
  for (const listener of dataListeners) listener();
}

function useDataVersion(): number {
  return useSyncExternalStore(
    (listener) => {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    () => dataVersion,
  );
}

// ------------------------------------------------------------------------------------------- hook

export interface ApiRequest {
  path: string;
  query?: Query;
}

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** The URL the data belongs to (null before the first answer). */
  dataUrl: string | null;
  reload: () => void;
}

interface Loaded<T> {
  url: string | null;
  data: T | null;
  error: ApiError | null;
}

/** `request` null: nothing to load yet (e.g. no target chosen). */
export function useApi<T>(request: ApiRequest | null): ApiState<T> {
  const { version: authVersion } = useAuth();
  const ledgerVersion = useDataVersion();
  const [reloads, setReloads] = useState(0);
  const url = request ? apiUrl(request.path, request.query) : null;
  const [loaded, setLoaded] = useState<Loaded<T>>({ url: null, data: null, error: null });
  const [pendingUrl, setPendingUrl] = useState<string | null>(null);

  // The request object is rebuilt on every render; its URL is what identifies it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: url stands for request
  useEffect(() => {
    if (request === null || url === null) {
      setLoaded({ url: null, data: null, error: null });
      setPendingUrl(null);
      return;
    }
    const controller = new AbortController();
    setPendingUrl(url);
    apiJson<T>(request.path, {
      ...(request.query ? { query: request.query } : {}),
      signal: controller.signal,
    })
      .then((data) => {
        if (!controller.signal.aborted) setLoaded({ url, data, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));
        // Keep the old data visible under the error banner rather than blanking the page.
        setLoaded((previous) => ({ url, data: previous.data, error: failure }));
      })
      .finally(() => {
        if (!controller.signal.aborted) setPendingUrl(null);
      });
    return () => controller.abort();
  }, [url, authVersion, ledgerVersion, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return {
    data: url === null ? null : loaded.data,
    error: loaded.url === url ? loaded.error : null,
    loading: url !== null && (pendingUrl !== null || loaded.url !== url),
    dataUrl: loaded.url,
    reload,
  };
}
