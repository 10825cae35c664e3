import { browser } from 'wxt/browser';
import {
  consentItem,
  cubeAccountItem,
  googleAccessLeftItem,
  googleAccountItem,
  readSettings,
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

/** What the service, the status and the schedule read from storage (lib/settings.ts). */
export interface Stores {
  settings: typeof readSettings;
  googleAccount: Pick<typeof googleAccountItem, 'getValue'>;
  cubeAccount: Pick<typeof cubeAccountItem, 'getValue'>;
  consent: Pick<typeof consentItem, 'getValue'>;
  googleAccessLeft: Pick<typeof googleAccessLeftItem, 'getValue'>;
}

export const browserStores: Stores = {
  settings: readSettings,
  googleAccount: googleAccountItem,
  cubeAccount: cubeAccountItem,
  consent: consentItem,
  googleAccessLeft: googleAccessLeftItem,
};
