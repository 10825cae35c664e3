// How histories are generated: which commands, how often, with which arguments.

import fc from 'fast-check';
import type { ModelCommand } from './command.ts';
import {
  ExpireSession,
  InjectFailure,
  LoseUploadAnswer,
  RefusePhone,
  RegisterStranger,
  RegisterWithEntryPhone,
} from './commands-cube.ts';
import {
  AddContact,
  AddPhone,
  DeleteContact,
  ExpireSyncToken,
  RemovePhone,
  RenameContact,
  RevokeGoogleToken,
  SharePhone,
} from './commands-google.ts';
import {
  ChangeSettings,
  ChangeSettingsDuringSync,
  KillDuringSync,
  RemoveFromServer,
  RequestReupload,
  Sync,
} from './commands-sync.ts';
import { AddOtherContact, DeleteOtherContact, RenameOtherContact } from './commands-other.ts';
import { FAMILY_NAMES, GIVEN_NAMES, PHONES } from './expected.ts';

const index = fc.nat({ max: 20 });
const given = fc.nat({ max: GIVEN_NAMES.length - 1 });
const family = fc.nat({ max: FAMILY_NAMES.length - 1 });
const phone = fc.nat({ max: PHONES.length - 1 });
/** 1..RETRIES is retried away; more fails the run (DEFAULT_RETRY_POLICY retries 4 times). */
const failures = fc.integer({ min: 1, max: 7 });

/** Mostly on: a sync with notifications off takes away every pending notification. */
const notifications = fc.oneof(
  { weight: 3, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: fc.constant(false) },
);

const settingsPatch = fc.record(
  {
    defaultCountry: fc.constantFrom('US', 'GB', 'DE'),
    phoneFormat: fc.constantFrom('international-digits' as const, 'e164' as const),
    bookMode: fc.constantFrom('own' as const, 'global' as const),
    includeOther: fc.boolean(),
    notifications,
    sendNames: fc.boolean(),
  },
  { requiredKeys: [] },
);

const when = fc.constantFrom('before' as const, 'after' as const);

const weighted = (weight: number, arbitrary: fc.Arbitrary<ModelCommand>) => ({ weight, arbitrary });

export const commandArbitrary: fc.Arbitrary<ModelCommand> = fc.oneof(
  weighted(
    6,
    fc
      .tuple(given, family, fc.array(phone, { maxLength: 2 }))
      .map(([g, f, p]) => new AddContact(g, f, p)),
  ),
  weighted(
    2,
    fc.tuple(index, given, family).map(([c, g, f]) => new RenameContact(c, g, f)),
  ),
  weighted(
    2,
    index.map((c) => new DeleteContact(c)),
  ),
  weighted(
    2,
    fc.tuple(index, phone).map(([c, p]) => new AddPhone(c, p)),
  ),
  weighted(
    1,
    fc.tuple(index, index).map(([c, w]) => new RemovePhone(c, w)),
  ),
  weighted(
    1,
    fc.tuple(index, index).map(([c, o]) => new SharePhone(c, o)),
  ),
  weighted(
    4,
    fc.tuple(index, fc.nat({ max: 4 })).map(([e, s]) => new RegisterWithEntryPhone(e, s === 0)),
  ),
  weighted(
    1,
    fc.constant(null).map(() => new RegisterStranger()),
  ),
  weighted(
    1,
    fc.constant(null).map(() => new ExpireSyncToken()),
  ),
  weighted(
    1,
    fc.constant(null).map(() => new ExpireSession()),
  ),
  weighted(
    2,
    index.map((e) => new RefusePhone(e)),
  ),
  weighted(
    3,
    fc
      .tuple(
        fc.constantFrom(
          'people' as const,
          'upload' as const,
          'registered' as const,
          'profiles' as const,
          'global-book' as const,
        ),
        fc.constantFrom('500' as const, '429' as const, 'drop' as const),
        failures,
      )
      .map(([t, k, n]) => new InjectFailure(t, k, n)),
  ),
  weighted(
    2,
    failures.map((n) => new LoseUploadAnswer(n)),
  ),
  weighted(
    2,
    fc.tuple(fc.integer({ min: 1, max: 45 }), when).map(([k, w]) => new KillDuringSync(k, w)),
  ),
  weighted(
    2,
    fc
      .tuple(
        fc.integer({ min: 1, max: 4 }),
        when,
        fc.constantFrom('fetch' as const, 'notify' as const),
      )
      .map(([k, w, kind]) => new KillDuringSync(k, w, kind)),
  ),
  weighted(
    2,
    settingsPatch.map((patch) => new ChangeSettings(patch)),
  ),
  weighted(
    1,
    fc
      .tuple(fc.integer({ min: 1, max: 40 }), settingsPatch)
      .map(([k, patch]) => new ChangeSettingsDuringSync(k, patch)),
  ),
  weighted(
    1,
    fc.constant(null).map(() => new RemoveFromServer()),
  ),
  weighted(
    2,
    fc
      .tuple(given, family, fc.array(phone, { minLength: 1, maxLength: 2 }))
      .map(([g, f, p]) => new AddOtherContact(g, f, p)),
  ),
  weighted(
    1,
    fc.tuple(index, given, family).map(([c, g, f]) => new RenameOtherContact(c, g, f)),
  ),
  weighted(
    1,
    index.map((c) => new DeleteOtherContact(c)),
  ),
  weighted(
    1,
    fc.boolean().map((on) => new ChangeSettings({ includeOther: on })),
  ),
  weighted(
    1,
    notifications.map((on) => new ChangeSettings({ notifications: on })),
  ),
  weighted(
    1,
    fc.boolean().map((on) => new ChangeSettings({ sendNames: on })),
  ),
  weighted(
    1,
    fc.constant(null).map(() => new RequestReupload()),
  ),
  weighted(
    1,
    fc
      .tuple(fc.integer({ min: 1, max: 6 }), when)
      .map(([step, w]) => new RequestReupload({ step, when: w })),
  ),
  weighted(
    1,
    fc.constant(null).map(() => new RevokeGoogleToken()),
  ),
  weighted(
    8,
    fc.constant(null).map(() => new Sync()),
  ),
);
