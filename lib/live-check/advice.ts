// What a failed request means for a distributor, whatever the step: the typed errors of lib/net and
// the clients, turned into what to change.
import { CubeApiError } from '../connectycube/errors.ts';
import { GoogleApiError } from '../google/errors.ts';
import { NetworkError, RedirectRefusedError, ResponseTooLargeError } from '../net/retry.ts';
import { MalformedAnswerError } from '../net/shape.ts';
import { DeadlineError } from './net.ts';

export type Service = 'cube' | 'google';

const VARIABLE: Record<Service, string> = {
  cube: 'WXT_CONNECTYCUBE_API_URL',
  google: 'WXT_GOOGLE_API_URL',
};
const NAME: Record<Service, string> = { cube: 'ConnectyCube', google: 'Google People' };

/** One line for what went wrong: the error's own message (they never carry secrets or URLs). */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Advice for failures any request can have (no answer, a redirect, an answer of the wrong shape),
 * or null when the step knows better.
 */
export function commonAdvice(error: unknown, service: Service): string | null {
  const variable = VARIABLE[service];
  if (error instanceof DeadlineError)
    return `the server kept the check waiting past its deadline; the extension gives each request 20 s and retries 4 times, so its users would wait as long: check the server (or a proxy in front) at ${variable}`;
  if (error instanceof NetworkError)
    return error.failure === 'timeout'
      ? `no answer within the extension's 20 s per request, after its retries: check the server at ${variable}`
      : `cannot connect: check ${variable} (the host, https) and that the server is up`;
  if (error instanceof RedirectRefusedError)
    return `the endpoint redirects, and the extension never follows a redirect (it would resend passwords and tokens): set ${variable} to the address it redirects to`;
  if (error instanceof ResponseTooLargeError)
    return `the answer is larger than the extension reads (16 MB): ${variable} is not the ${NAME[service]} API, or a proxy sends something else`;
  if (error instanceof MalformedAnswerError)
    return `the answer is not what the ${NAME[service]} API sends: check that ${variable} is the API itself (not a web page, a proxy's error page, or another version)`;
  if ((error instanceof CubeApiError || error instanceof GoogleApiError) && error.status >= 500)
    return `the server failed (HTTP ${error.status}) even after the extension's retries: try again later, or ask the provider`;
  return null;
}

/** The status of a refusal, for steps that advise by status. */
export function refusedStatus(error: unknown): number | null {
  return error instanceof CubeApiError || error instanceof GoogleApiError ? error.status : null;
}
