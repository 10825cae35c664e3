import { t } from '@/lib/i18n';
import type { RunRow } from '@/lib/db/schema';
import { formatCount, formatDateTime, formatDuration } from '@/lib/ui/format';
import { runEndText } from '@/lib/run-error-text';
import { triggerLabel } from '@/lib/ui/triggers';

/** The last runs, newest first: when, how long, why, what changed, how it ended. */
export function RunsTable({ runs }: { runs: RunRow[] }) {
  if (runs.length === 0) return <p class="muted">{t('noRuns')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('runsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colStarted')}</th>
            <th scope="col">{t('colDuration')}</th>
            <th scope="col">{t('colTrigger')}</th>
            <th scope="col">{t('colCounts')}</th>
            <th scope="col">{t('colResult')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const c = run.counts;
            return (
              <tr key={run.id}>
                <td class="nowrap">{formatDateTime(run.startedAt)}</td>
                <td>
                  {run.status !== 'running' ? formatDuration(run.endedAt - run.startedAt) : ''}
                </td>
                <td>{triggerLabel(run.trigger)}</td>
                <td>
                  {t(
                    'runCounts',
                    [c.imported, c.created, c.updated, c.deleted, c.rejected, c.joins].map(
                      formatCount,
                    ),
                  )}
                  {c.drift && c.drift.missing + c.drift.renamed + c.drift.extra > 0 && (
                    <>
                      {' '}
                      {t(
                        'repairDrift',
                        [c.drift.missing, c.drift.renamed, c.drift.extra].map(formatCount),
                      )}
                    </>
                  )}
                </td>
                <td class={run.status === 'failed' ? 'error-text' : ''}>{runEndText(run)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
