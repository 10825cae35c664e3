// `npm start`: the extension in Chromium against the local sandbox servers, with sample data.
// Builds, starts both servers seeded with sample contacts (some of them app users), loads the
// build, links both sandbox accounts and runs a first sync, then lets a contact "join" so the
// popup shows a new user. `--headless` (or CI=true) writes screenshots to a folder it prints, then
// exits; otherwise the browser stays open until Ctrl+C.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright';
import type { AuthEmulatorClient } from '../sandbox/firebase-rest.ts';
import { formatForDisplay } from '../../lib/contacts/normalize.ts';
import { startSandbox } from '../sandbox/index.ts';
import { DEMO_USER } from '../sandbox/seed.ts';
import { ACCOUNT_AGE_MS, DEMO_OUT_DIR, buildEnv } from '../tools/build-env.ts';
import { ask } from '../e2e/driver.ts';
import { loadExtension } from '../e2e/extension.ts';

/** The seeded demo user's number (a US one): what most users of the app sign in with. */
const DEMO_PHONE = {
  national: DEMO_USER.phone.slice(1),
  e164: `+${DEMO_USER.phone}`,
  shown: formatForDisplay(DEMO_USER.phone, ''),
};

/**
 * The path most users take, as they would: "Sign in with your phone number" on the options page,
 * the number in the hosted page that opens, the SMS code (read from the Auth emulator), "Sign in".
 */
async function signInByPhone(options: Page, emulator: AuthEmulatorClient): Promise<void> {
  const card = options.getByRole('region', { name: 'ConnectyCube account' });
  const opened = options.context().waitForEvent('page');
  await card.getByRole('button', { name: 'Sign in with your phone number' }).click();
  const window = await opened;
  console.log(`Signing in by phone: ${DEMO_PHONE.shown}`);
  await window.getByLabel('Phone number').pressSequentially(DEMO_PHONE.national, { delay: 40 });
  await window.getByRole('button', { name: 'Send code' }).click();
  await window.getByLabel('Code').waitFor();
  const code = await emulator.latestCode(DEMO_PHONE.e164);
  console.log(`  SMS code from the Firebase Auth emulator: ${code}`);
  await window.getByLabel('Code').pressSequentially(code, { delay: 40 });
  await window.getByRole('button', { name: 'Sign in', exact: true }).click();
  await card.getByText(`(${DEMO_PHONE.shown})`, { exact: false }).waitFor();
}

const { values } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, out: { type: 'string' } },
});
const headless = values.headless === true || process.env.CI === 'true' || !process.env.DISPLAY;
if (!values.headless && !process.env.DISPLAY && process.env.CI !== 'true') {
  console.log('No display found: running headless (screenshots instead of a window).');
}

// With the Firebase Auth emulator and the hosted phone sign-in page (a failed start says why).
const sandbox = await startSandbox({
  seed: true,
  phoneSignIn: { outDir: join(DEMO_OUT_DIR, 'phone-sign-in') },
});
console.log(`Google sandbox:       ${sandbox.googleUrl}`);
console.log(`ConnectyCube sandbox: ${sandbox.cubeUrl}`);
if (sandbox.phone) {
  console.log(`Phone sign-in page:   ${sandbox.phone.pageUrl}`);
  console.log(`Firebase Auth emulator (SMS codes): ${sandbox.phone.emulator.url}`);
}

console.log('Building the extension against the sandbox…');
execFileSync('npx', ['wxt', 'build'], {
  env: {
    ...process.env,
    ...buildEnv({
      googleUrl: sandbox.googleUrl,
      cubeUrl: sandbox.cubeUrl,
      cubeApp: sandbox.cubeApp,
      outDir: DEMO_OUT_DIR,
      phone: sandbox.phone,
    }),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

const ext = await loadExtension(join(DEMO_OUT_DIR, 'chrome-mv3'), headless);
const options = await ext.open('options.html');
const user = sandbox.cubeUser;
if (!user) throw new Error('the seeded sandbox has no demo user');
sandbox.clock.advance(ACCOUNT_AGE_MS);
const phone = sandbox.phone;
if (!phone) throw new Error('the sandbox started without its phone sign-in');
await signInByPhone(options, phone.emulator);
await ask(options, 'connectGoogle', { includeOther: false });
await ask(options, 'consent', {});
const first = await ask(options, 'syncNow', {});
console.log(`First sync: ${JSON.stringify(first)}`);

// A contact registers with the app after the first sync: the next sync reports a join.
// Amélie Durand (+33 6 12 34 56 78) is one of the sample contacts.
sandbox.cube.registerUser({
  login: 'amelie',
  password: 'amelie-password',
  full_name: 'Amélie D.',
  phone: '33612345678',
});
const second = await ask(options, 'syncNow', {});
console.log(`Second sync: ${JSON.stringify(second)}`);
await options.reload();

console.log(
  `ConnectyCube sign-in (already done for you, by phone): ${DEMO_PHONE.shown}, the SMS code read from the emulator.`,
);
console.log(
  `  Or "Use a login and password instead": login "${user.login}", password "${user.password}",`,
);
console.log(
  `  application id "${sandbox.cubeApp.applicationId}", auth key "${sandbox.cubeApp.authKey}"`,
);

if (headless) {
  const dir = resolve(values.out ?? join('.output', 'demo-screenshots'));
  mkdirSync(dir, { recursive: true });
  const popup = await ext.open('popup.html');
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.waitForTimeout(500);
  await popup.screenshot({ path: join(dir, 'popup-light.png') });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.waitForTimeout(200);
  await popup.screenshot({ path: join(dir, 'popup-dark.png') });
  await options.setViewportSize({ width: 1100, height: 900 });
  await options.waitForTimeout(300);
  await options.screenshot({ path: join(dir, 'options.png'), fullPage: true });
  console.log(`Screenshots: ${dir}`);
  await ext.close();
  await sandbox.close();
} else {
  await ext.open('popup.html');
  console.log('Chromium is open with the extension loaded. Press Ctrl+C to stop.');
  const stop = (): void => {
    void ext.close().finally(() => sandbox.close().finally(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
