import { phoneKey } from '../contacts/phone-key.ts';
import type { InviteSources } from './page-store.ts';
import { dialable, type Searchable } from './users.ts';

/** A contact the Invite view lists: a valid number that no app user has. */
export interface InviteView extends Searchable {
  /** The entry's phone, as the book stores it (the key of `markInvited`). */
  phone: string;
  /** The name it is uploaded under (the user's own name for the contact). */
  name: string;
  /**
   * The phone for reading, as the background formatted it (national for the default country); as
   * people dial it for entries stored before that.
   */
  display: string;
  /** When the user first invited them, if they did. */
  invitedAt?: number;
}

// One collator for a whole sort: `localeCompare` builds one per call (slow for 25,000 contacts).
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The contacts to invite: the entries (every valid number of the user's contacts) minus the phones
 * of registered users, with their invitations, sorted by name (then phone).
 */
export function inviteCandidates(sources: InviteSources): InviteView[] {
  const registered = new Set(sources.registered.map((r) => phoneKey(r.phone)));
  const invited = new Map(sources.invites.map((i) => [i.phone, i.at]));
  return sources.entries
    .flatMap((entry): InviteView[] => {
      const key = phoneKey(entry.phone);
      if (registered.has(key)) return [];
      const name = entry.name.trim() || dialable(entry.phone);
      const at = invited.get(key);
      return [
        {
          phone: entry.phone,
          name,
          display: entry.display || dialable(entry.phone),
          ...(at === undefined ? {} : { invitedAt: at }),
          names: name.toLowerCase(),
          digits: entry.display ? `${key}\n${phoneKey(entry.display)}` : key,
        },
      ];
    })
    .sort((a, b) => byName.compare(a.name, b.name) || a.phone.localeCompare(b.phone));
}

/** `contacts` with the invitations noted since they were read (the background's answers). */
export function withInvitations(
  contacts: InviteView[],
  noted: ReadonlyMap<string, number>,
): InviteView[] {
  if (noted.size === 0) return contacts;
  return contacts.map((c) => {
    const at = noted.get(c.phone);
    return c.invitedAt !== undefined || at === undefined ? c : { ...c, invitedAt: at };
  });
}
