/**
 * What an invitation says (the popup's Invite view) and how the day of one is written (the view's
 * "Invited …" mark, and the notification when that contact joins).
 */
import { buildConfig, type BuildConfig } from './config.ts';
import { t } from './i18n.ts';

const PLACEHOLDER = /\{(name|url)\}/g;

/**
 * `template` with `{name}` and `{url}` filled in, in one pass: a name that itself contains "{url}"
 * or markup stays as it is (the result is plain text for the clipboard). A template without `{url}`
 * gets the link on a line of its own, so an invitation never lacks it.
 */
export function renderInvite(template: string, name: string, url: string): string {
  const text = template.replace(PLACEHOLDER, (_, key: string) => (key === 'name' ? name : url));
  return template.includes('{url}') || url === '' ? text : `${text}\n${url}`;
}

/** The invitation for the contact `name`: the build's text (WXT_INVITE_TEXT), else the locale's. */
export function inviteFor(
  name: string,
  config: Pick<BuildConfig, 'inviteText' | 'inviteUrl'> = buildConfig,
): string {
  const template = config.inviteText.trim() !== '' ? config.inviteText : t('inviteDefaultText');
  return renderInvite(template, name, config.inviteUrl);
}

/**
 * The day of an invitation in the browser's locale ("3 May", "May 3", "3. Mai"); the year only
 * when it is not `now`'s, so the date stays short in a row and a notification.
 */
export function formatInviteDay(at: number, now: number, locales?: string | string[]): string {
  const day = new Date(at);
  const thisYear = day.getFullYear() === new Date(now).getFullYear();
  return day.toLocaleDateString(locales, {
    day: 'numeric',
    month: 'long',
    ...(thisYear ? {} : { year: 'numeric' }),
  });
}
