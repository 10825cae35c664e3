import { useEffect, useState } from 'preact/hooks';

/** The current time, re-read every `everyMs` so "2 min ago" stays true while the page is open. */
export function useNow(now: () => number, everyMs = 30_000): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setValue(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return value;
}
