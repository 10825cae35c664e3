import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { defaultCountryFromLocale } from '@/lib/contacts/locale';
import { t } from '@/lib/i18n';
import type { UserSettings } from '@/lib/settings';
import { countryOptions } from '@/lib/ui/countries';
import { validChatTemplate } from '@/lib/ui/validate';
import { ActionError } from './ActionError.tsx';
import { Card } from './Card.tsx';
import { Choice } from './Choice.tsx';
import { TextField } from './TextField.tsx';

/** The settings this card edits (includeOther belongs to the Google card). */
export type SyncSettingsDraft = Pick<
  UserSettings,
  | 'intervalMinutes'
  | 'bookMode'
  | 'defaultCountry'
  | 'phoneFormat'
  | 'notifications'
  | 'sendNames'
  | 'chatLinkTemplate'
>;

export const INTERVALS = [5, 15, 30, 60, 180];

export interface SettingsCardProps {
  settings: UserSettings;
  /** The browser's language, for "From browser language". */
  language: string;
  busy: boolean;
  error: string | null;
  /** Resolves true when saved. */
  onSave(settings: SyncSettingsDraft): Promise<boolean>;
}

function intervalLabel(minutes: number): string {
  if (minutes === 60) return t('hourOption');
  if (minutes % 60 === 0) return t('hoursOption', minutes / 60);
  return t('minutesOption', minutes);
}

function draftOf(settings: UserSettings): SyncSettingsDraft {
  const {
    intervalMinutes,
    bookMode,
    defaultCountry,
    phoneFormat,
    notifications,
    sendNames,
    chatLinkTemplate,
  } = settings;
  return {
    intervalMinutes,
    bookMode,
    defaultCountry,
    phoneFormat,
    notifications,
    sendNames,
    chatLinkTemplate,
  };
}

/**
 * Interval, book, phone country and format, notifications, names, chat link: edited, then saved
 * at once.
 */
export function SettingsCard({ settings, language, busy, error, onSave }: SettingsCardProps) {
  // The draft is the page's until saved: status refreshes while syncing do not reset what is typed.
  const [draft, setDraft] = useState(() => draftOf(settings));
  // Settings changed elsewhere (another tab, "Forget everything") replace a draft left untouched.
  const incoming = JSON.stringify(draftOf(settings));
  const base = useRef(incoming);
  useEffect(() => {
    if (incoming === base.current) return;
    setDraft((d) =>
      JSON.stringify(d) === base.current ? (JSON.parse(incoming) as SyncSettingsDraft) : d,
    );
    base.current = incoming;
  }, [incoming]);
  const [saved, setSaved] = useState(false);
  const [templateError, setTemplateError] = useState(false);
  const id = useId();
  const countries = useMemo(() => countryOptions(language), [language]);
  const intervals = INTERVALS.includes(draft.intervalMinutes)
    ? INTERVALS
    : [...INTERVALS, draft.intervalMinutes].sort((a, b) => a - b);

  function change<K extends keyof SyncSettingsDraft>(key: K, value: SyncSettingsDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
    if (key === 'chatLinkTemplate' && templateError)
      setTemplateError(!validChatTemplate(String(value)));
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!validChatTemplate(draft.chatLinkTemplate)) {
      setTemplateError(true);
      return;
    }
    setTemplateError(false);
    const ok = await onSave({ ...draft, chatLinkTemplate: draft.chatLinkTemplate.trim() });
    setSaved(ok);
  }

  return (
    <Card title={t('settingsTitle')}>
      <form class="form" noValidate onSubmit={(event) => void submit(event)}>
        <div class="field">
          <label for={`${id}-interval`}>{t('fieldInterval')}</label>
          <select
            id={`${id}-interval`}
            value={String(draft.intervalMinutes)}
            onChange={(e) => change('intervalMinutes', Number(e.currentTarget.value))}
          >
            {intervals.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {intervalLabel(minutes)}
              </option>
            ))}
          </select>
        </div>
        <Choice
          legend={t('fieldBookMode')}
          name="bookMode"
          value={draft.bookMode}
          options={[
            { value: 'own', label: t('bookOwn') },
            { value: 'global', label: t('bookGlobal') },
          ]}
          onChange={(value) => change('bookMode', value)}
        />
        {draft.bookMode === 'global' && <p class="warning">{t('bookGlobalWarning')}</p>}
        <div class="field">
          <label for={`${id}-country`}>{t('fieldCountry')}</label>
          <select
            id={`${id}-country`}
            value={draft.defaultCountry}
            onChange={(e) => change('defaultCountry', e.currentTarget.value)}
          >
            <option value="">{t('countryFromBrowser', defaultCountryFromLocale(language))}</option>
            {countries.map(({ code, name }) => (
              <option key={code} value={code}>
                {`${name} (${code})`}
              </option>
            ))}
          </select>
        </div>
        <Choice
          legend={t('fieldPhoneFormat')}
          name="phoneFormat"
          value={draft.phoneFormat}
          options={[
            { value: 'international-digits', label: t('formatDigits') },
            { value: 'e164', label: t('formatE164') },
          ]}
          onChange={(value) => change('phoneFormat', value)}
        />
        <label class="switch">
          <input
            type="checkbox"
            checked={draft.notifications}
            onChange={(e) => change('notifications', e.currentTarget.checked)}
          />
          <span>{t('fieldNotifications')}</span>
        </label>
        <div class="field">
          <label class="switch">
            <input
              type="checkbox"
              checked={draft.sendNames}
              aria-describedby={`${id}-names-hint`}
              onChange={(e) => change('sendNames', e.currentTarget.checked)}
            />
            <span>{t('fieldSendNames')}</span>
          </label>
          <p id={`${id}-names-hint`} class="hint">
            {t('sendNamesHint')}
          </p>
        </div>
        <TextField
          label={t('fieldChatTemplate')}
          type="url"
          value={draft.chatLinkTemplate}
          hint={t('chatTemplateHint')}
          error={templateError ? t('chatTemplateInvalid') : undefined}
          onInput={(value) => change('chatLinkTemplate', value)}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('save')}
          </button>
          <span role="status" class="saved">
            {saved ? t('saved') : ''}
          </span>
        </div>
        <ActionError error={error} />
      </form>
    </Card>
  );
}
