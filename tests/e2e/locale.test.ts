import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadExtension, type LoadedExtension } from './extension.ts';

/** The German strings, read from the shipped file rather than repeated here. */
const de = JSON.parse(
  readFileSync(new URL('../../public/_locales/de/messages.json', import.meta.url), 'utf8'),
) as Record<string, { message: string }>;
const say = (key: string): string => de[key]!.message;

describe('a German browser', () => {
  let ext: LoadedExtension;

  beforeAll(async () => {
    ext = await loadExtension(inject('extensionDir'), true, undefined, 'de');
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('gets the first-run options page in German', async () => {
    const options = await ext.open('options.html');
    await options.getByRole('heading', { name: say('optionsTitle') }).waitFor();
    expect(await options.title()).toBe(say('optionsTitle'));
    expect(await options.evaluate(() => document.documentElement.lang)).toBe(say('localeTag'));
    const google = options.getByRole('region', { name: say('googleTitle') });
    await google.getByRole('button', { name: say('connectGoogle') }).waitFor();
    const cube = options.getByRole('region', { name: say('cubeTitle') });
    await cube.getByRole('button', { name: say('signIn') }).waitFor();
    await cube.getByLabel(say('fieldPassword'), { exact: true }).waitFor();
    await options.getByRole('region', { name: say('consentTitle') }).waitFor();
    await options.getByText(say('consentNeedsAccounts')).waitFor();
    await options.close();
  });
});
