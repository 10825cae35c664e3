import { useId, useMemo, useRef, useState } from 'preact/hooks';
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
  error: string | null;
  /** Applies one changed setting; resolves true once the background stored it. */
  onChange(change: Partial<SyncSettingsDraft>): Promise<boolean>;
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
 * Interval, book, phone country and format, notifications, names, chat link. Each applies as it
 * changes, as a browser's own settings do (the chat link once the user leaves the field or presses
 * Enter): nothing waits on the page for a "Save", so what the consent card describes is always
 * what is stored, and what "Start syncing" agrees to.
 */
export function SettingsCard({ settings, language, error, onChange }: SettingsCardProps) {
  // Changes sent and not answered yet show as chosen; answered, the stored settings show again
  // (the new value, or the old one when the background refused it).
  const [sending, setSending] = useState<Partial<SyncSettingsDraft>>({});
  const shown = { ...draftOf(settings), ...sending };
  // The chat link as typed, until it is applied (null: not being edited).
  const [typed, setTyped] = useState<string | null>(null);
  const [templateError, setTemplateError] = useState(false);
  const [saved, setSaved] = useState(false);
  const changes = useRef(0);
  const id = useId();
  const countries = useMemo(() => countryOptions(language), [language]);
  const intervals = INTERVALS.includes(shown.intervalMinutes)
    ? INTERVALS
    : [...INTERVALS, shown.intervalMinutes].sort((a, b) => a - b);

  async function apply(change: Partial<SyncSettingsDraft>): Promise<boolean> {
    const mine = ++changes.current;
    setSaved(false);
    setSending((s) => ({ ...s, ...change }));
    const ok = await onChange(change);
    // A later change of the same setting keeps showing until its own answer.
    setSending((s) => {
      const rest = { ...s };
      for (const key of Object.keys(change) as (keyof SyncSettingsDraft)[])
        if (rest[key] === change[key]) delete rest[key];
      return rest;
    });
    if (mine === changes.current) setSaved(ok);
    return ok;
  }

  function change<K extends keyof SyncSettingsDraft>(key: K, value: SyncSettingsDraft[K]) {
    void apply({ [key]: value } as Partial<SyncSettingsDraft>);
  }

  function typeTemplate(value: string) {
    setTyped(value);
    if (templateError) setTemplateError(!validChatTemplate(value));
  }

  /** The link as typed is applied when valid; refused, it stays in the field to be corrected. */
  async function commitTemplate(value: string) {
    if (!validChatTemplate(value)) {
      setTemplateError(true);
      return;
    }
    setTemplateError(false);
    const template = value.trim();
    if (template !== shown.chatLinkTemplate && !(await apply({ chatLinkTemplate: template })))
      return;
    setTyped((now) => (now === value ? null : now));
  }

  return (
    <Card title={t('settingsTitle')}>
      <div class="form">
        <div class="field">
          <label for={`${id}-interval`}>{t('fieldInterval')}</label>
          <select
            id={`${id}-interval`}
            value={String(shown.intervalMinutes)}
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
          value={shown.bookMode}
          options={[
            { value: 'own', label: t('bookOwn') },
            { value: 'global', label: t('bookGlobal') },
          ]}
          onChange={(value) => change('bookMode', value)}
        />
        {shown.bookMode === 'global' && <p class="warning">{t('bookGlobalWarning')}</p>}
        <div class="field">
          <label for={`${id}-country`}>{t('fieldCountry')}</label>
          <select
            id={`${id}-country`}
            value={shown.defaultCountry}
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
          value={shown.phoneFormat}
          options={[
            { value: 'international-digits', label: t('formatDigits') },
            { value: 'e164', label: t('formatE164') },
          ]}
          onChange={(value) => change('phoneFormat', value)}
        />
        <label class="switch">
          <input
            type="checkbox"
            checked={shown.notifications}
            onChange={(e) => change('notifications', e.currentTarget.checked)}
          />
          <span>{t('fieldNotifications')}</span>
        </label>
        <div class="field">
          <label class="switch">
            <input
              type="checkbox"
              checked={shown.sendNames}
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
          value={typed ?? shown.chatLinkTemplate}
          hint={t('chatTemplateHint')}
          error={templateError ? t('chatTemplateInvalid') : undefined}
          onInput={typeTemplate}
          onCommit={(value) => void commitTemplate(value)}
        />
        <p role="status" class="saved">
          {saved ? t('saved') : ''}
        </p>
        <ActionError error={error} />
      </div>
    </Card>
  );
}
