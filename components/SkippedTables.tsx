import { t, type MessageKey } from '@/lib/i18n';
import type { SkipReason } from '@/lib/contacts/types';
import type { RejectedRow, SkippedRow } from '@/lib/db/schema';
import { formatCount } from '@/lib/ui/format';

const REASONS: Record<SkipReason, MessageKey> = {
  'invalid-number': 'reasonInvalidNumber',
  'too-short': 'reasonTooShort',
  'too-long': 'reasonTooLong',
  'no-phone': 'reasonNoPhone',
};

export interface Limited<T> {
  rows: T[];
  /** All there are; `rows` may be the first of them. */
  total: number;
}

function More({ shown, total }: { shown: number; total: number }) {
  if (shown >= total) return null;
  return <p class="muted">{t('shownOf', [formatCount(shown), formatCount(total)])}</p>;
}

/** Phones that are not uploaded, each with why (read from the number as the person typed it). */
export function SkippedTable({ skipped }: { skipped: Limited<SkippedRow> }) {
  if (skipped.total === 0) return <p class="muted">{t('skippedNone')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('skippedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colPhone')}</th>
            <th scope="col">{t('colReason')}</th>
          </tr>
        </thead>
        <tbody>
          {skipped.rows.map((row) => (
            <tr key={`${row.resourceName}\n${row.raw}`}>
              <td>{row.name}</td>
              <td>{row.raw}</td>
              <td>
                {REASONS[row.reason] ? t(REASONS[row.reason]) : row.reason}
                {row.detail && <span class="muted">{` — ${row.detail}`}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More shown={skipped.rows.length} total={skipped.total} />
    </div>
  );
}

/** Entries the server refused, with its reason. */
export function RejectedTable({ rejected }: { rejected: Limited<RejectedRow> }) {
  if (rejected.total === 0) return <p class="muted">{t('rejectedNone')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('rejectedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colPhone')}</th>
            <th scope="col">{t('colReason')}</th>
          </tr>
        </thead>
        <tbody>
          {rejected.rows.map((row) => (
            <tr key={row.phone}>
              <td>{row.name}</td>
              <td>{row.phone}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More shown={rejected.rows.length} total={rejected.total} />
    </div>
  );
}
