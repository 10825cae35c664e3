/**
 * A queue of tasks run one at a time, in the order asked: each starts once the one before has
 * settled, whether it succeeded or failed (its caller gets its result or error).
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
