import { useCallback, useState } from 'preact/hooks';

export interface ActionState {
  busy: boolean;
  /** The error of the last attempt (the background's words), cleared by the next one. */
  error: string | null;
  /** Runs `task` unless one is running; resolves true when it succeeded. */
  run(task: () => Promise<unknown>): Promise<boolean>;
}

/** Runs `task`, clearing the error first and recording its own; true when it succeeded. */
export async function attempt(
  task: () => Promise<unknown>,
  setError: (error: string | null) => void,
): Promise<boolean> {
  setError(null);
  try {
    await task();
    return true;
  } catch (e) {
    setError(e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** One button's request: busy while it runs, and its error to show next to it. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (task: () => Promise<unknown>) => {
      if (busy) return false;
      setBusy(true);
      try {
        return await attempt(task, setError);
      } finally {
        setBusy(false);
      }
    },
    [busy],
  );
  return { busy, error, run };
}
