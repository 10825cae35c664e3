// The address book as the extension uses it, in a scratch book of the check's own: an upload, the
// book read back, the compact registered users, and the account's own profile.
import { CubeApiError } from '../connectycube/errors.ts';
import { BATCH_SIZE } from '../sync/outbox.ts';
import { commonAdvice, describe } from './advice.ts';
import { testAccount } from './input.ts';
import { TEST_CONTACTS } from './test-data.ts';
import type { CheckContext, Step } from './types.ts';

/**
 * The test account's session is there to use: the login's when it passed; in a phone-only run the
 * phone step's, which it hands over (`ctx.account`) only when it keeps it (an existing user).
 */
export function hasSession(ctx: CheckContext): boolean {
  return testAccount(ctx.input.live) === 'phone' ? ctx.account !== null : ctx.passed.has('session');
}

export const needsSession = (ctx: CheckContext): string | null =>
  hasSession(ctx) ? null : 'needs a session';

/** The detail's note on answer items the client dropped as malformed; empty when none were. */
export const malformed = (dropped: number): string => (dropped ? `, ${dropped} malformed` : '');

function adviseBook(error: unknown): string {
  if (error instanceof CubeApiError) {
    const reasons = error.reasons.join(' ') || `HTTP ${error.status}`;
    if (error.status === 413)
      return `the server, or a proxy in front of it, refuses a batch of ${TEST_CONTACTS.length} contacts as too large ("${reasons}"). The extension sends up to ${BATCH_SIZE} contacts a request and halves a batch on 413, but a limit this low leaves books unsynced: allow request bodies of at least 1 MB`;
    if (error.status === 401 || error.status === 403)
      return `the session may not use the address book ("${reasons}"): check the application's permissions in the dashboard`;
    if (error.status === 404)
      return `no address book here ("${reasons}"): WXT_CONNECTYCUBE_API_URL must be the API itself (https://api.connectycube.com or your server's)`;
  }
  return commonAdvice(error, 'cube') ?? `unexpected: ${describe(error)}`;
}

export const uploadStep: Step = {
  id: 'upload',
  title: 'upload to a scratch book',
  phase: 'main',
  required: () => true,
  skip: needsSession,
  async run(ctx) {
    const result = await ctx.cube.upload({ udid: ctx.udid, contacts: [...TEST_CONTACTS] });
    const refused = Object.entries(result.rejected);
    const detail = `created ${result.created}, updated ${result.updated}, rejected ${refused.length}`;
    if (refused.length > 0)
      return {
        outcome: 'fail',
        detail: `${detail}: ${refused.map(([i, reasons]) => `#${i} ${reasons.join(' ')}`).join('; ')}`,
        advice:
          "the server refused well-formed test contacts (an E.164 phone and a short name, as the extension sends): check the application's address-book settings",
      };
    if (result.created + result.updated !== TEST_CONTACTS.length)
      return {
        outcome: 'fail',
        detail,
        advice: `the server says it stored ${result.created + result.updated} of ${TEST_CONTACTS.length} new contacts: it does not keep a book per udid as the extension needs`,
      };
    return { outcome: 'pass', detail };
  },
  advise: adviseBook,
};

export const readBackStep: Step = {
  id: 'read-back',
  title: 'read the book back',
  phase: 'main',
  required: () => true,
  skip: (ctx) => (ctx.passed.has('upload') ? null : 'needs the upload'),
  async run(ctx) {
    const { items, dropped } = await ctx.cube.book(ctx.udid);
    const missing = TEST_CONTACTS.filter(
      (sent) => !items.some((item) => item.phone === sent.phone && item.name === sent.name),
    );
    const detail = `a list of ${items.length} entries (phone, name)${malformed(dropped)}`;
    if (missing.length > 0 || dropped > 0 || items.length !== TEST_CONTACTS.length)
      return {
        outcome: 'fail',
        detail: `${detail}; ${missing.length} of the ${TEST_CONTACTS.length} uploaded missing or renamed`,
        advice:
          "the book of a udid does not hold what was uploaded to it: the extension's own book (keyed by a udid) would not work on this server",
      };
    return { outcome: 'pass', detail: `${detail}, both as uploaded` };
  },
  advise: adviseBook,
};

export const registeredStep: Step = {
  id: 'registered',
  title: 'registered users (compact)',
  phase: 'main',
  required: () => true,
  skip: needsSession,
  async run(ctx) {
    const { items, dropped } = await ctx.cube.registeredUsers(ctx.udid);
    const detail = `{items: [${items.length} users]}${malformed(dropped)}`;
    if (dropped > 0)
      return {
        outcome: 'fail',
        detail,
        advice:
          'items are not {user: {id, phone, address_book_name}} as compact=1 answers: the extension would drop those users',
      };
    return { outcome: 'pass', detail };
  },
  advise: adviseBook,
};

export const profileStep: Step = {
  id: 'profile',
  title: 'own profile (/users/v2)',
  phase: 'main',
  required: () => true,
  skip: needsSession,
  async run(ctx) {
    const id = ctx.account?.user.id ?? 0;
    const { items, dropped } = await ctx.cube.profiles([id]);
    const own = items.find((user) => user.id === id);
    const detail = `{items: [${items.length} profiles]}${malformed(dropped)}`;
    if (!own)
      return {
        outcome: 'fail',
        detail: `${detail}, not user ${id}`,
        advice:
          'GET /users/v2?id[in][]=… does not answer the user asked for: the popup could not name the contacts who joined',
      };
    if (!Number.isFinite(Date.parse(own.createdAt ?? '')))
      return {
        outcome: 'fail',
        detail: `${detail}, user ${id} without a readable created_at`,
        advice:
          'the extension tells joins, and accounts created on the fly, by created_at: this server does not send it',
      };
    return { outcome: 'pass', detail: `${detail}: user ${id} with created_at` };
  },
  advise: adviseBook,
};
