// Commands on Google's "Other contacts" (people the user wrote to, never saved): they count only
// while the setting includes them, and their changes cost nothing while it does not.

import { fullName, personInput, renamePatch } from './commands-google.ts';
import { ModelCommand, pick, type Model, type Real } from './command.ts';
import { PHONES } from './expected.ts';

/** Other contacts change the book only while included: otherwise a sync must send nothing. */
function changed(real: Real): void {
  if (real.world.settings.includeOther) real.tracker.changed = true;
}

export class AddOtherContact extends ModelCommand {
  constructor(
    private readonly given: number,
    private readonly family: number,
    private readonly phones: number[],
  ) {
    super();
  }

  protected async apply(model: Model, real: Real): Promise<void> {
    const ref = real.world.google.addOtherContact(
      personInput(this.given, this.family, this.phones),
    );
    model.others.push(ref);
    this.detail = ref;
    changed(real);
  }

  protected describe(): string {
    const phones = this.phones.map((i) => JSON.stringify(pick(PHONES, i))).join(', ');
    return `addOtherContact("${fullName(this.given, this.family)}", [${phones}])`;
  }
}

abstract class OnOther extends ModelCommand {
  constructor(protected readonly other: number) {
    super();
  }

  override check(model: Readonly<Model>): boolean {
    return model.others.length > 0;
  }

  protected target(model: Model): string {
    const ref = pick(model.others, this.other);
    this.detail = ref;
    return ref;
  }
}

export class RenameOtherContact extends OnOther {
  constructor(
    other: number,
    private readonly given: number,
    private readonly family: number,
  ) {
    super(other);
  }

  protected async apply(model: Model, real: Real): Promise<void> {
    real.world.google.updateOtherContact(this.target(model), renamePatch(this.given, this.family));
    changed(real);
  }

  protected describe(): string {
    return `renameOther(#${this.other}, "${fullName(this.given, this.family)}")`;
  }
}

export class DeleteOtherContact extends OnOther {
  protected async apply(model: Model, real: Real): Promise<void> {
    const ref = this.target(model);
    real.world.google.deleteOtherContact(ref);
    model.others.splice(model.others.indexOf(ref), 1);
    changed(real);
  }

  protected describe(): string {
    return `deleteOther(#${this.other})`;
  }
}
