import { inject } from 'vitest';
import type { Locator } from 'playwright';
import type { LoadedExtension } from './extension.ts';
import { cube } from './setup-account.ts';

/** The address-book uploads in the ConnectyCube log since it was cleared. */
export async function addressBookPosts(): Promise<unknown[]> {
  return (await cube().log()).filter((e) => e.method === 'POST' && e.path === '/address_book');
}

/** One key of the extension's storage.local, read in its worker (null when absent). */
export async function storedLocal<T>(ext: LoadedExtension, key: string): Promise<T | null> {
  return ext.worker.evaluate(async (name) => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome;
    return ((await api.storage.local.get(name))[name] ?? null) as T | null;
  }, key);
}

export async function workerAlarms(ext: LoadedExtension): Promise<string[]> {
  return ext.worker.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { alarms: { getAll(): Promise<{ name: string }[]> } } }
    ).chrome;
    return (await api.alarms.getAll()).map((a) => a.name);
  });
}

/**
 * A Web Push subscription for this browser's udid, as the extension makes it where a push service
 * is reachable (headless Chromium here has none): a session of the user's own, then
 * `POST /subscriptions` with keys in the Push API's encoding.
 */
export async function subscribeAsBrowser(
  udid: string,
  login: string,
  password: string,
): Promise<void> {
  const base = inject('cubeUrl');
  const session = (await (
    await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        application_id: inject('cubeApp').applicationId,
        auth_key: inject('cubeApp').authKey,
        user: { login, password },
      }),
    })
  ).json()) as { session: { token: string } };
  const response = await fetch(`${base}/subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CB-Token': session.session.token },
    body: JSON.stringify({
      notification_channel: 'web',
      device: { platform: 'web', udid },
      push_token: {
        environment: 'production',
        web_endpoint: `https://push.example/${udid}`,
        web_auth: Buffer.alloc(16, 7).toString('base64url'),
        web_p256dh: Buffer.alloc(65, 4).toString('base64url'),
      },
    }),
  });
  if (!response.ok) throw new Error(`subscription refused: ${await response.text()}`);
}

/**
 * The signed-out ConnectyCube card's login form: the build has phone sign-in, so the form sits
 * behind "Use a login and password instead", opened here.
 */
export async function openLoginForm(card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Sign in with your phone number' }).waitFor();
  if (!(await card.getByLabel('Login or email').isVisible()))
    await card.getByText('Use a login and password instead').click();
  await card.getByLabel('Login or email').waitFor();
}
