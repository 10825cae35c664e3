// Commands that change Google: the user edits contacts; Google expires sync tokens.

import type { PersonInput, PersonPatch, PhoneInput } from '../../sandbox/google-people.ts';
import { ModelCommand, pick, type Model, type Real } from './command.ts';
import { FAMILY_NAMES, GIVEN_NAMES, PHONES } from './expected.ts';

export const names = (given: number, family: number) => ({
  givenName: pick(GIVEN_NAMES, given),
  familyName: pick(FAMILY_NAMES, family),
});

export function fullName(given: number, family: number): string {
  const { givenName, familyName } = names(given, family);
  return [givenName, familyName].filter(Boolean).join(' ');
}

/** The sandbox input for a generated person (contact or other contact). */
export function personInput(given: number, family: number, phones: number[]): PersonInput {
  const { givenName, familyName } = names(given, family);
  return {
    ...(givenName ? { givenName } : {}),
    ...(familyName ? { familyName } : {}),
    phones: phones.map((i) => pick(PHONES, i)),
  };
}

/** The sandbox patch that renames a person (an empty part is cleared). */
export function renamePatch(given: number, family: number): PersonPatch {
  const { givenName, familyName } = names(given, family);
  return { givenName: givenName || null, familyName: familyName || null };
}

function phonesOf(real: Real, ref: string): PhoneInput[] {
  const person = real.world.google.listPeople().find((p) => p.resourceName === ref);
  return (person?.phoneNumbers ?? []).map((p) => ({ value: p.value, type: p.type }));
}

/** Commands on one existing contact: need one, and name it in the report. */
abstract class OnContact extends ModelCommand {
  constructor(protected readonly contact: number) {
    super();
  }

  override check(model: Readonly<Model>): boolean {
    return model.contacts.length > 0;
  }

  protected target(model: Model): string {
    const ref = pick(model.contacts, this.contact);
    this.detail = ref.replace('people/', '');
    return ref;
  }
}

export class AddContact extends ModelCommand {
  constructor(
    private readonly given: number,
    private readonly family: number,
    private readonly phones: number[],
  ) {
    super();
  }

  protected async apply(model: Model, real: Real): Promise<void> {
    const ref = real.world.google.addPerson(personInput(this.given, this.family, this.phones));
    model.contacts.push(ref);
    this.detail = ref.replace('people/', '');
    real.tracker.changed = true;
  }

  protected describe(): string {
    const phones = this.phones.map((i) => JSON.stringify(pick(PHONES, i))).join(', ');
    return `addContact("${fullName(this.given, this.family)}", [${phones}])`;
  }
}

export class RenameContact extends OnContact {
  constructor(
    contact: number,
    private readonly given: number,
    private readonly family: number,
  ) {
    super(contact);
  }

  protected async apply(model: Model, real: Real): Promise<void> {
    real.world.google.updatePerson(this.target(model), renamePatch(this.given, this.family));
    real.tracker.changed = true;
  }

  protected describe(): string {
    return `rename(#${this.contact}, "${fullName(this.given, this.family)}")`;
  }
}

export class DeleteContact extends OnContact {
  protected async apply(model: Model, real: Real): Promise<void> {
    const ref = this.target(model);
    real.world.google.deletePerson(ref);
    model.contacts.splice(model.contacts.indexOf(ref), 1);
    real.tracker.changed = true;
  }

  protected describe(): string {
    return `deleteContact(#${this.contact})`;
  }
}

export class AddPhone extends OnContact {
  constructor(
    contact: number,
    private readonly phone: number,
  ) {
    super(contact);
  }

  protected async apply(model: Model, real: Real): Promise<void> {
    const ref = this.target(model);
    const phones = [...phonesOf(real, ref), pick(PHONES, this.phone)];
    real.world.google.updatePerson(ref, { phones });
    real.tracker.changed = true;
  }

  protected describe(): string {
    return `addPhone(#${this.contact}, ${JSON.stringify(pick(PHONES, this.phone))})`;
  }
}

export class RemovePhone extends OnContact {
  constructor(
    contact: number,
    private readonly which: number,
  ) {
    super(contact);
  }

  protected async apply(model: Model, real: Real): Promise<void> {
    const ref = this.target(model);
    const phones = phonesOf(real, ref);
    if (phones.length === 0) return;
    phones.splice(this.which % phones.length, 1);
    real.world.google.updatePerson(ref, { phones });
    real.tracker.changed = true;
  }

  protected describe(): string {
    return `removePhone(#${this.contact}, ${this.which})`;
  }
}

/** The second contact gets the first one's first phone: two people, one entry. */
export class SharePhone extends OnContact {
  constructor(
    contact: number,
    private readonly other: number,
  ) {
    super(contact);
  }

  protected async apply(model: Model, real: Real): Promise<void> {
    const from = this.target(model);
    const to = pick(model.contacts, this.other);
    const phone = phonesOf(real, from)[0];
    this.detail += ` -> ${to.replace('people/', '')}`;
    if (!phone) return;
    real.world.google.updatePerson(to, { phones: [...phonesOf(real, to), phone] });
    real.tracker.changed = true;
  }

  protected describe(): string {
    return `sharePhone(#${this.contact} -> #${this.other})`;
  }
}

export class ExpireSyncToken extends ModelCommand {
  protected async apply(_model: Model, real: Real): Promise<void> {
    real.world.google.expireSyncTokens();
  }

  protected describe(): string {
    return 'expireSyncToken()';
  }
}

/** Google revokes the access token: the next request gets 401, and the client renews it. */
export class RevokeGoogleToken extends ModelCommand {
  protected async apply(_model: Model, real: Real): Promise<void> {
    real.world.google.revokeTokens();
  }

  protected describe(): string {
    return 'revokeGoogleToken()';
  }
}
