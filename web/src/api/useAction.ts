/**
 * A user action that changes data (whitelist, disavow, jobs): tracks busy state and the error to show,
 * and keeps the last success message. A 401/403 also opens the token prompt (the client does that).
 */
import { useCallback, useState } from 'react';
import { messageOf } from './client.ts';

export interface ActionState {
  busy: boolean;
  error: string | null;
  notice: string | null;
  /** Runs `task`; its resolved string (if any) becomes the notice. Returns whether it succeeded. */
  run: (task: () => Promise<string | undefined>) => Promise<boolean>;
  clear: () => void;
}

export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(async (task: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const message = await task();
      if (message) setNotice(message);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setNotice(null);
  }, []);
  return { busy, error, notice, run, clear };
}
