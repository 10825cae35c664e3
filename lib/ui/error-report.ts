/**
 * What the error boundary shows and copies of an error a page threw while rendering. Anything can
 * be thrown (an Error, a string, an object whose getters throw, a revoked Proxy): nothing here
 * throws in turn, whatever it is given.
 */

/** A thrown value as text: its name, message and stack (each possibly empty). */
export interface ErrorReport {
  name: string;
  message: string;
  stack: string;
}

/** `read()` as a string, or `fallback` when it is no string or reading it throws. */
function stringOr(read: () => unknown, fallback: string): string {
  try {
    const value = read();
    return typeof value === 'string' ? value : fallback;
  } catch {
    return fallback;
  }
}

/** `String(value)`, or `fallback` when converting it throws (e.g. an object without prototype). */
function text(value: unknown, fallback: string): string {
  try {
    return String(value);
  } catch {
    return fallback;
  }
}

const UNKNOWN = '(unreadable error)';

/** The name, message and stack of anything thrown. Never throws. */
export function describeThrown(thrown: unknown): ErrorReport {
  if ((typeof thrown === 'object' && thrown !== null) || typeof thrown === 'function') {
    const value = thrown as { name?: unknown; message?: unknown; stack?: unknown };
    const message = stringOr(() => value.message, '');
    return {
      name: stringOr(() => value.name, 'Error') || 'Error',
      message: message || text(thrown, UNKNOWN),
      stack: stringOr(() => value.stack, ''),
    };
  }
  return { name: 'Error', message: text(thrown, UNKNOWN), stack: '' };
}

/**
 * The text "Copy details" puts on the clipboard: which extension and version, which page, then the
 * error with its stack (V8's stack starts with "Name: message"; others do not).
 */
export function errorDetails(report: ErrorReport, version: string, page: string): string {
  const headline = `${report.name}: ${report.message}`;
  const stack = report.stack.trim();
  const error = stack.startsWith(headline) ? stack : stack ? `${headline}\n${stack}` : headline;
  return `Cube Contacts ${version} (${page})\n${error}\n`;
}
