/** A registered user as named to the person: the saved name, and the app's when it differs. */
export interface ShownNames {
  /** The name the user saved the contact under (the profile's, or the phone, without one). */
  name: string;
  /**
   * The app profile's name, when it differs from `name`. Whoever registered the number chose it:
   * shown next to the saved name, an account that claims a contact's number (or a hostile server)
   * cannot pass for the contact under the user's own name alone.
   */
  appName?: string;
}

/**
 * On one line: a name cannot start lines of its own in a notification's text (control characters
 * and line breaks become a space).
 */
function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** How the popup and the join notifications name a registered user. */
export function shownNames(saved: string, profile: string | undefined, phone: string): ShownNames {
  const full = oneLine(profile);
  const name = oneLine(saved) || full || phone;
  return full && full !== name ? { name, appName: full } : { name };
}
