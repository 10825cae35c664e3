import { buildBackground } from '@/lib/background/wiring';
import { REPAIR_ALARM, RETRY_ALARM, SYNC_ALARM } from '@/lib/background/schedule';
import type { Message } from '@/lib/messaging/protocol';

type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };

// Wiring only: listeners are registered synchronously, so a worker woken by an event gets it.
// Firefox MV2: an event page, woken by alarms and messages like Chrome's service worker, so both
// browsers run the same code under the same rules (nothing may rely on staying in memory).
export default defineBackground({
  persistent: false,
  main() {
    const service = buildBackground();
    // The popup paints its first rows from storage.session, kept here from the users view.
    service.followUsersView();

    browser.runtime.onInstalled.addListener(() => {
      void service.schedule().then(() => service.sync('install'));
    });
    browser.runtime.onStartup.addListener(() => {
      void service.schedule().then(() => service.sync('startup'));
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM) void service.sync('scheduled');
      if (alarm.name === RETRY_ALARM) void service.sync('retry');
      if (alarm.name === REPAIR_ALARM) void service.sync('daily-check', 'repair');
    });
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // Only the extension's own pages may drive it.
      if (sender.id !== browser.runtime.id || !isRequest(message)) return undefined;
      return service.handle(message);
    });
    browser.notifications.onClicked.addListener((id) => {
      void service.onNotificationClicked(id);
    });
    // ConnectyCube pushes "a contact joined": check now instead of waiting for the next alarm.
    self.addEventListener('push', (event) => {
      (event as ExtendableEvent).waitUntil(service.sync('push'));
    });
    // The push service replaced the subscription: ConnectyCube must learn the new one.
    self.addEventListener('pushsubscriptionchange', (event) => {
      (event as ExtendableEvent).waitUntil(service.renewPush());
    });
  },
});

function isRequest(message: unknown): message is Message {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string' &&
    (message as { type: string }).type !== 'progress'
  );
}
