/**
 * A run's error as the user reads it in the activity list: one line, no credentials (errors from
 * the clients never carry tokens, passwords or query strings).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error)
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}
