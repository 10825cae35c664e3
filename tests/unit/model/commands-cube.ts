// Commands on the servers' side: app users register, sessions expire, the server refuses an
// entry, and requests fail (before the server applies them, or after with the answer lost).

import { GLOBAL_BOOK } from '@/lib/sync/upload';
import type { Fault } from '../../sandbox/faults.ts';
import { ModelCommand, pick, type Model, type Real } from './command.ts';
import { expectedEntries } from './expected.ts';
import { count } from './tracker.ts';
import { RETRIES, UDID } from './world.ts';

/** Numbers of the pool as the app stores them, for when there is no entry to pick from. */
const POOL_DIGITS = ['12125550101', '12125550102', '442079460958', '493012345670'];

/** A phone of an entry (as uploaded, or spelled in the other format), or of the pool. */
function entryPhone(real: Real, index: number, otherSpelling: boolean): string {
  const entries = [...expectedEntries(real.world).keys()].sort();
  const phone = pick(entries.length > 0 ? entries : POOL_DIGITS, index);
  if (!otherSpelling) return phone;
  return phone.startsWith('+') ? phone.slice(1) : `+${phone}`;
}

async function register(real: Real, phone: string): Promise<string> {
  const { world, tracker } = real;
  // Classified before registering: what the engine could know at that moment.
  const verdict = await tracker.classify(world, phone);
  const n = tracker.users.length + 1;
  const user = world.cube.registerUser({ login: `app-user-${n}`, password: 'pw', phone });
  tracker.users.push({
    userId: user.id,
    phone,
    book: world.bookKey,
    ...verdict,
    mayBeSilent: false,
  });
  count(`registered: ${verdict.deserves} (${verdict.why})`);
  return `${phone} user ${user.id}: ${verdict.deserves}, ${verdict.why}`;
}

export class RegisterWithEntryPhone extends ModelCommand {
  constructor(
    private readonly entry: number,
    private readonly otherSpelling: boolean,
  ) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    this.detail = await register(real, entryPhone(real, this.entry, this.otherSpelling));
  }

  protected describe(): string {
    return `registerWithEntryPhone(${this.entry}${this.otherSpelling ? ', other spelling' : ''})`;
  }
}

export class RegisterStranger extends ModelCommand {
  protected async apply(_model: Model, real: Real): Promise<void> {
    const phone = `1999555${String(1000 + real.tracker.users.length).padStart(4, '0')}`;
    this.detail = await register(real, phone);
  }

  protected describe(): string {
    return 'registerStranger()';
  }
}

export class ExpireSession extends ModelCommand {
  protected async apply(_model: Model, real: Real): Promise<void> {
    real.world.cube.expireSessions();
  }

  protected describe(): string {
    return 'expireCubeSession()';
  }
}

/**
 * The server refuses an entry's phone from now on (in both spellings), with a reason. Only a phone
 * in no book and no unanswered upload: a real server's verdict depends on the request alone, so it
 * cannot refuse the resend of a request it may have applied already.
 */
export class RefusePhone extends ModelCommand {
  constructor(private readonly entry: number) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    const { world } = real;
    const inflight = await world.current.db.inflight.toArray();
    const spellings = (phone: string): string[] => [phone, `+${phone}`];
    const used = (phone: string): boolean =>
      [UDID, GLOBAL_BOOK].some((key) =>
        spellings(phone).some((p) => world.serverBook(key).has(p)),
      ) || inflight.some((batch) => batch.contacts.some((c) => spellings(phone).includes(c.phone)));
    // Among the entries not in use, when there are (else any: then nothing is refused).
    const bare = [...expectedEntries(world).keys()].map((p) => p.replace(/^\+/, '')).sort();
    const free = bare.filter((p) => !used(p));
    const phone =
      free.length > 0
        ? pick(free, this.entry)
        : entryPhone(real, this.entry, false).replace(/^\+/, '');
    const refused = !used(phone);
    count(refused ? 'refused a phone' : 'refused nothing: every phone in use');
    this.detail = refused ? phone : `${phone} is in use: not refused`;
    if (!refused) return;
    for (const spelling of spellings(phone))
      world.cube.refusedPhones.set(spelling, 'Number refused');
  }

  protected describe(): string {
    return `refusePhone(${this.entry})`;
  }
}

export type FailureKind = '500' | '429' | 'drop';

function failure(kind: FailureKind): Fault {
  if (kind === '500') return { kind: 'status', status: 500 };
  if (kind === '429') return { kind: 'status', status: 429, retryAfter: 2 };
  return { kind: 'drop' };
}

/** Where a failure is injected; `count` over RETRIES fails a whole run, fewer are retried away. */
export type FaultTarget = 'people' | 'upload' | 'registered' | 'profiles' | 'global-book';

const ROUTES: Record<FaultTarget, { server: 'google' | 'cube'; path: string; method: string }> = {
  people: { server: 'google', path: '/v1/people/me/connections', method: 'GET' },
  upload: { server: 'cube', path: '/address_book', method: 'POST' },
  registered: { server: 'cube', path: '/address_book/registered_users', method: 'GET' },
  profiles: { server: 'cube', path: '/users/v2', method: 'GET' },
  'global-book': { server: 'cube', path: '/address_book', method: 'GET' },
};

export class InjectFailure extends ModelCommand {
  constructor(
    private readonly target: FaultTarget,
    private readonly kind: FailureKind,
    private readonly count: number,
  ) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    const route = ROUTES[this.target];
    const faults = Array.from({ length: this.count }, () => failure(this.kind));
    real.world[route.server].injectFault(route.path, faults, route.method);
  }

  protected describe(): string {
    const fatal = this.count > RETRIES ? ', fails the run' : '';
    return `fail(${this.target}, ${this.kind} x${this.count}${fatal})`;
  }
}

/** The next upload is applied, but its answer is lost, then `count - 1` retries are dropped too. */
export class LoseUploadAnswer extends ModelCommand {
  constructor(private readonly count: number) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    const faults: Fault[] = [{ kind: 'drop-after-apply' }];
    for (let i = 1; i < this.count; i++) faults.push({ kind: 'drop' });
    real.world.cube.injectFault('/address_book', faults, 'POST');
  }

  protected describe(): string {
    const fatal = this.count > RETRIES ? ', fails the run' : '';
    return `loseUploadAnswer(x${this.count}${fatal})`;
  }
}
