// The check's output: one line per step (✔ / ✗ / –, its requests with their statuses, the answer's
// shape), what to change under a ✗, and a summary. Nothing secret is ever in it.
import type { RequestRecord } from './net.ts';
import type { Report, StepResult } from './types.ts';

const MARK = { pass: '✔', fail: '✗', skip: '–' } as const;

/** `POST /session 503 ×2, 201`: the requests in order, repeats folded. */
export function requestsLine(requests: readonly RequestRecord[]): string {
  const parts: { text: string; count: number }[] = [];
  let route = '';
  for (const { method, path, status } of requests) {
    const here = `${method} ${path}`;
    const code = status === null ? 'no answer' : String(status);
    const last = parts.at(-1);
    if (here === route && last?.text.endsWith(code)) last.count += 1;
    else parts.push({ text: here === route ? code : `${here} ${code}`, count: 1 });
    route = here;
  }
  return parts.map(({ text, count }) => (count > 1 ? `${text} ×${count}` : text)).join(', ');
}

function line(result: StepResult): string {
  const requests = requestsLine(result.requests);
  const note =
    result.outcome === 'fail' && !result.required
      ? ' (advice only: the build works either way)'
      : '';
  const head = `${MARK[result.outcome]} ${result.title.padEnd(28)} ${requests ? `${requests} · ` : ''}${result.detail}${note}`;
  if (result.outcome !== 'fail' || !result.advice) return head;
  return [head, ...result.advice.split('\n').map((advice) => `    → ${advice}`)].join('\n');
}

/** 0 when every step the build needs passed; 1 otherwise. */
export function exitCode(report: Report): 0 | 1 {
  return report.results.some((r) => r.outcome === 'fail' && r.required) ? 1 : 0;
}

/** Every secret of the check replaced, longest first (one may contain another). */
export function redact(text: string, secrets: readonly string[]): string {
  const sorted = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length);
  return sorted.reduce((out, secret) => out.split(secret).join('[hidden]'), text);
}

export function formatReport(report: Report): string {
  const count = (outcome: StepResult['outcome']) =>
    report.results.filter((r) => r.outcome === outcome).length;
  const failed = report.results.filter((r) => r.outcome === 'fail');
  const needed = failed.filter((r) => r.required).length;
  const verdict =
    exitCode(report) === 0
      ? 'every step the build needs passed: ready for a store submission'
      : `${needed} step${needed === 1 ? '' : 's'} the build needs failed: fix ${needed === 1 ? 'it' : 'them'} before a store submission`;
  const text = [
    `Cube Contacts live check: ${report.endpoint}, application ${report.applicationId || '(none)'}`,
    ...report.results.map(line),
    `Summary: ${count('pass')} passed, ${failed.length} failed (${failed.length - needed} advice only), ${count('skip')} skipped; ${verdict}.`,
  ].join('\n');
  return `${redact(text, report.secrets)}\n`;
}
