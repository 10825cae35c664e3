import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startSandbox } from '../sandbox/index.ts';
import { E2E_OUT_DIR, buildEnv } from '../tools/build-env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    googleUrl: string;
    cubeUrl: string;
    extensionDir: string;
    /** The Firefox (MV2) test build: its options and popup pages are web-accessible (wxt.config.ts). */
    firefoxExtensionDir: string;
    cubeApp: { applicationId: string; authKey: string };
  }
}

/**
 * Starts both sandbox servers once, builds the extension against them (Chrome, and a Firefox test
 * build), and hands both to the tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sandbox = await startSandbox({});
  const env = buildEnv({
    googleUrl: sandbox.googleUrl,
    cubeUrl: sandbox.cubeUrl,
    cubeApp: sandbox.cubeApp,
    outDir: E2E_OUT_DIR,
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
  return () => sandbox.close();
}
