import { t } from '@/lib/i18n';
import type { RejectedRow, RunRow, SkippedRow } from '@/lib/db/schema';
import { Card } from './Card.tsx';
import { RunsTable } from './RunsTable.tsx';
import { RejectedTable, SkippedTable, type Limited } from './SkippedTables.tsx';

export interface ActivityCardProps {
  /** Newest first; undefined while loading. */
  runs: RunRow[] | undefined;
  skipped: Limited<SkippedRow> | undefined;
  rejected: Limited<RejectedRow> | undefined;
}

/** What the syncs did, and the numbers that were not uploaded. */
export function ActivityCard({ runs, skipped, rejected }: ActivityCardProps) {
  const loading = <p class="muted">{t('loading')}</p>;
  return (
    <Card title={t('activityTitle')}>
      {runs ? <RunsTable runs={runs} /> : loading}
      {skipped ? <SkippedTable skipped={skipped} /> : loading}
      {rejected ? <RejectedTable rejected={rejected} /> : loading}
    </Card>
  );
}
