import { browser } from 'wxt/browser';
import type { FirstScreenArea } from './first-screen.ts';
import {
  consentItem,
  cubeAccountItem,
  firstScreenItem,
  googleAccessLeftItem,
  googleAccountItem,
  readSettings,
  settingsItem,
  type UserSettings,
} from '../settings.ts';

/** An alarm as the handlers see it. */
export interface Alarm {
  scheduledTime: number;
  periodInMinutes?: number;
}

/** Timers that survive the worker (browser.alarms), as the background's handlers use them. */
export interface SchedulerPort {
  get(name: string): Promise<Alarm | undefined>;
  create(name: string, when: { delayInMinutes: number; periodInMinutes?: number }): Promise<void>;
  clear(name: string): Promise<void>;
}

export const browserScheduler: SchedulerPort = {
  get: (name) => browser.alarms.get(name),
  create: (name, when) => browser.alarms.create(name, when),
  clear: async (name) => void (await browser.alarms.clear(name)),
};

/**
 * What the background's handlers read from storage and write to it (lib/settings.ts). The accounts
 * themselves are written by their clients (the Google auth, the ConnectyCube client), not here.
 */
export interface Stores {
  settings: typeof readSettings;
  saveSettings(settings: UserSettings): Promise<void>;
  googleAccount: Pick<typeof googleAccountItem, 'getValue'>;
  cubeAccount: Pick<typeof cubeAccountItem, 'getValue'>;
  consent: Pick<typeof consentItem, 'getValue' | 'setValue'>;
  googleAccessLeft: Pick<typeof googleAccessLeftItem, 'getValue' | 'setValue'>;
  /** The popup's first screen (storage.session). */
  firstScreen: FirstScreenArea;
  /** "Forget everything": every value stored, the local ones and the session's. */
  clearAll(): Promise<void>;
}

export const browserStores: Stores = {
  settings: readSettings,
  saveSettings: (settings) => settingsItem.setValue(settings),
  googleAccount: googleAccountItem,
  cubeAccount: cubeAccountItem,
  consent: consentItem,
  googleAccessLeft: googleAccessLeftItem,
  firstScreen: firstScreenItem,
  async clearAll() {
    await browser.storage.local.clear();
    await browser.storage.session?.clear();
  },
};
