import { t } from '@/lib/i18n';
import type { OptionsApi } from '@/lib/ui/api';
import { checkOutcome } from '@/lib/ui/outcome';
import { isRejectedRow, isRunRow, isSkippedRow, readableRows } from '@/lib/ui/rows';
import { useAction } from '@/lib/ui/use-action';
import { useQueuedAction } from '@/lib/ui/use-queued-action';
import { useCubeAccount } from '@/lib/ui/use-cube-account';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useStatus } from '@/lib/ui/use-status';
import { ActivityCard } from './ActivityCard.tsx';
import { ConsentCard } from './ConsentCard.tsx';
import { CubeCard } from './CubeCard.tsx';
import { GoogleCard } from './GoogleCard.tsx';
import { PrivacyCard } from './PrivacyCard.tsx';
import { SettingsCard } from './SettingsCard.tsx';
import type { Limited } from './SkippedTables.tsx';
import './theme.css';
import './options.css';

/** Rows of a long list shown on the page; the rest is counted. */
const SHOWN = 200;

/** The first rows of a table that can be shown, and how many the table holds besides those skipped. */
function limited<T>(
  rows: unknown[],
  count: number,
  accept: (row: unknown) => row is T,
  table: string,
): Limited<T> {
  const readable = readableRows(rows, accept, table);
  return { rows: readable, total: count - (rows.length - readable.length) };
}

/** The options page: accounts, consent, settings, activity, privacy. */
export function OptionsApp({ api }: { api: OptionsApi }) {
  const { status, error, setStatus, refresh } = useStatus(api);
  const google = useAction();
  const cube = useCubeAccount(api, setStatus, refresh);
  const consent = useAction();
  // Each setting is sent as it changes; none is dropped, and they arrive in order.
  const settings = useQueuedAction();
  const db = api.db;
  // A row of another shape than its table's is skipped (lib/ui/rows.ts), not rendered.
  const runs = useLiveQuery(
    async () =>
      readableRows(await db.runs.orderBy('id').reverse().limit(20).toArray(), isRunRow, 'runs'),
    [db],
  );
  const skipped = useLiveQuery(
    async () =>
      limited(
        // Stored by person: each person's numbers, in the order a row each had.
        (await db.skipped.toArray())
          .flatMap((person): unknown[] => (Array.isArray(person.phones) ? person.phones : [person]))
          .slice(0, SHOWN),
        await db.skipped.count(),
        isSkippedRow,
        'skipped',
      ),
    [db],
  );
  const rejected = useLiveQuery(
    async () =>
      limited(
        await db.rejected.limit(SHOWN).toArray(),
        await db.rejected.count(),
        isRejectedRow,
        'rejected',
      ),
    [db],
  );

  if (!status) {
    return (
      <main class="options">
        <h1>{t('optionsTitle')}</h1>
        <p role={error ? 'alert' : 'status'} class={error ? 'error-text' : 'muted'}>
          {error ? t('backgroundError', error) : t('loading')}
        </p>
      </main>
    );
  }

  const s = status;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <GoogleCard
        google={s.google}
        includeOther={s.settings.includeOther}
        busy={google.busy}
        error={google.error}
        onConnect={() =>
          void google.run(async () =>
            setStatus(await api.ask('connectGoogle', { includeOther: s.settings.includeOther })),
          )
        }
        onDisconnect={() =>
          void google.run(async () => setStatus(await api.ask('disconnectGoogle', {})))
        }
        onIncludeOther={(includeOther) =>
          void google.run(async () =>
            // More contacts need a wider Google permission: connecting again asks for it (and saves the setting).
            setStatus(
              includeOther && s.google.connected
                ? await api.ask('connectGoogle', { includeOther: true })
                : await api.ask('saveSettings', { settings: { includeOther } }),
            ),
          )
        }
      />
      <CubeCard
        cube={s.cube}
        busy={cube.signIn.busy || cube.account.busy || cube.phone.busy}
        signInError={cube.signIn.error}
        accountError={cube.account.error}
        pendingLogin={cube.pending?.login ?? null}
        onSignIn={cube.onSignIn}
        onSignOut={cube.onSignOut}
        onConfirmNew={cube.onConfirmNew}
        onCancelPending={cube.onCancelPending}
        phone={{ busy: cube.phone.busy, error: cube.phone.error, onSignIn: cube.onPhoneSignIn }}
      />
      <ConsentCard
        consent={s.consent}
        // While a setting is on its way the summary may describe the settings before it: agreeing
        // waits for the answer, whose status the summary then describes.
        busy={consent.busy || settings.busy}
        error={consent.error}
        onConsent={() => void consent.run(async () => setStatus(await api.ask('consent', {})))}
      />
      <SettingsCard
        settings={s.settings}
        language={api.language}
        error={settings.error}
        onChange={(change) =>
          settings.run(async () => setStatus(await api.ask('saveSettings', { settings: change })))
        }
      />
      <ActivityCard runs={runs} skipped={skipped} rejected={rejected} />
      <PrivacyCard
        signedIn={s.cube.state === 'signed-in'}
        serverEntryCount={s.serverEntryCount}
        otherAccountsEntryCount={s.otherAccountsEntryCount}
        sendNames={s.settings.sendNames}
        onReupload={async () => checkOutcome(await api.ask('reuploadAll', {}))}
        onRemove={async () => setStatus(await api.ask('removeFromServer', {}))}
        onForget={async (removeFirst) =>
          setStatus(await api.ask('forgetEverything', { removeFirst }))
        }
        onRepair={async () => checkOutcome(await api.ask('checkAndRepair', {}))}
        onShowServer={() => api.ask('serverBook', {})}
      />
    </main>
  );
}
