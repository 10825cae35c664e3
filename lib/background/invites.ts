import { phoneKey } from '../contacts/phone-key.ts';
import type { Handlers, ServiceContext } from './service.ts';

/** The popup's Invite view: invitations are noted here, in the one database, never by the page. */
export function inviteHandlers(ctx: ServiceContext): Pick<Handlers, 'markInvited'> {
  const { db } = ctx;
  return {
    async markInvited({ phone: asked }) {
      const phone = phoneKey(asked);
      // The first invitation is the one a join names: copying again later keeps its day.
      return db.transaction('rw', db.invites, async () => {
        const known = await db.invites.get(phone);
        if (known) return { at: known.at };
        const at = ctx.now();
        await db.invites.put({ phone, at });
        return { at };
      });
    },
  };
}
