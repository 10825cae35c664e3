import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { E2E_OUT_DIR, buildEnv } from '../tools/build-env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    googleUrl: string;
    cubeUrl: string;
    extensionDir: string;
    /** The Firefox (MV2) test build: its options and popup pages are web-accessible (wxt.config.ts). */
    firefoxExtensionDir: string;
    cubeApp: { applicationId: string; authKey: string };
    /**
     * The hosted phone sign-in page (built against the Auth emulator, any extension's redirect
     * accepted) and the emulator: read SMS codes with
     * `new AuthEmulatorClient(authEmulatorUrl, firebaseProjectId).latestCode('+1…')`.
     */
    phoneSignInUrl: string;
    authEmulatorUrl: string;
    firebaseProjectId: string;
    firebaseApiKey: string;
  }
}

/**
 * Starts both sandbox servers once, with the Firebase Auth emulator and the hosted phone sign-in
 * page built against it, builds the extension against them (Chrome, and a Firefox test build), and
 * hands all of it to the tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The Firebase Auth emulator first: a CLI that will not start fails the setup with its output.
  const sandbox = await startSandbox({
    phoneSignIn: { outDir: join(E2E_OUT_DIR, 'phone-sign-in') },
  });
  try {
    return await buildAndProvide(project, sandbox);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

async function buildAndProvide(
  project: TestProject,
  sandbox: Sandbox,
): Promise<() => Promise<void>> {
  const phone = sandbox.phone;
  if (!phone) throw new Error('the sandbox started without its phone sign-in');
  const env = buildEnv({
    googleUrl: sandbox.googleUrl,
    cubeUrl: sandbox.cubeUrl,
    cubeApp: sandbox.cubeApp,
    outDir: E2E_OUT_DIR,
    phone,
  });
  execFileSync('npx', ['wxt', 'build'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
    env: { ...process.env, ...env, CUBE_TEST_BUILD: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('googleUrl', sandbox.googleUrl);
  project.provide('cubeUrl', sandbox.cubeUrl);
  project.provide('extensionDir', `${E2E_OUT_DIR}/chrome-mv3`);
  project.provide('firefoxExtensionDir', `${E2E_OUT_DIR}/firefox-mv2`);
  project.provide('cubeApp', sandbox.cubeApp);
  project.provide('phoneSignInUrl', phone.pageUrl);
  project.provide('authEmulatorUrl', phone.emulator.url);
  project.provide('firebaseProjectId', phone.emulator.projectId);
  project.provide('firebaseApiKey', phone.emulator.apiKey);
  return () => sandbox.close();
}
