import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Status } from '../messaging/protocol.ts';
import type { Progress } from '../domain/run.ts';
import type { UiApi } from './api.ts';
import { useStoreRead } from './use-store-read.ts';

/** At most one status request per this many ms while progress broadcasts arrive. */
const REFRESH_MS = 1500;

export interface StatusState {
  status: Status | null;
  progress: Progress | null;
  /** The background did not answer the last status request. */
  error: string | null;
  refresh(): Promise<void>;
  /** Shows an answer that is a fresh status (most requests answer with one). */
  setStatus(status: Status): void;
}

/**
 * The background's status, kept current: fetched on mount, after progress broadcasts (throttled),
 * when a broadcast says the run ended, and when the latest run row changes in the database.
 */
export function useStatus(api: UiApi): StatusState {
  const [status, setStatusValue] = useState<Status | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  const setStatus = useCallback((next: Status) => {
    setStatusValue(next);
    setProgress(next.progress);
    setError(null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const next = await api.ask('status', {});
      if (alive.current) setStatus(next);
    } catch (e) {
      if (alive.current) setError(e instanceof Error ? e.message : String(e));
    }
  }, [api, setStatus]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    const off = api.onProgress((next) => {
      setProgress(next);
      if (next === null) {
        if (timer.current) clearTimeout(timer.current);
        timer.current = null;
        void refresh();
      } else if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          void refresh();
        }, REFRESH_MS);
      }
    });
    return () => {
      alive.current = false;
      off();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [api, refresh]);

  // A run that starts or ends (in any context) changes the latest run row.
  const lastRun = useStoreRead(api, ['runs'], async () => {
    const run = await api.store.latestRun();
    return run ? `${run.id}:${run.status}` : '';
  });
  const seenRun = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (lastRun === undefined) return;
    if (seenRun.current !== undefined && seenRun.current !== lastRun) void refresh();
    seenRun.current = lastRun;
  }, [lastRun, refresh]);

  return { status, progress, error, refresh, setStatus };
}
