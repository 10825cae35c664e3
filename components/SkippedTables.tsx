import type { ComponentChildren } from 'preact';
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

interface PhoneRow {
  key: string;
  name: string;
  phone: string;
  reason: ComponentChildren;
}

/** A captioned table of phones with a reason each: the shape both lists share. */
function PhoneTable({
  caption,
  rows,
  total,
}: {
  caption: string;
  rows: PhoneRow[];
  total: number;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colPhone')}</th>
            <th scope="col">{t('colReason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.name}</td>
              <td>{row.phone}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More shown={rows.length} total={total} />
    </div>
  );
}

/** Phones that are not uploaded, each with why (read from the number as the person typed it). */
export function SkippedTable({ skipped }: { skipped: Limited<SkippedRow> }) {
  if (skipped.total === 0) return <p class="muted">{t('skippedNone')}</p>;
  const rows = skipped.rows.map((row) => ({
    key: `${row.resourceName}\n${row.raw}`,
    name: row.name,
    phone: row.raw,
    reason: (
      <>
        {REASONS[row.reason] ? t(REASONS[row.reason]) : row.reason}
        {row.detail && <span class="muted">{` — ${row.detail}`}</span>}
      </>
    ),
  }));
  return <PhoneTable caption={t('skippedCaption')} rows={rows} total={skipped.total} />;
}

/** Entries the server refused, with its reason. */
export function RejectedTable({ rejected }: { rejected: Limited<RejectedRow> }) {
  if (rejected.total === 0) return <p class="muted">{t('rejectedNone')}</p>;
  const rows = rejected.rows.map((row) => ({
    key: row.phone,
    name: row.name,
    phone: row.phone,
    reason: row.reason,
  }));
  return <PhoneTable caption={t('rejectedCaption')} rows={rows} total={rejected.total} />;
}
