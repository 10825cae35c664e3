/** The chat link of a user, or null when the template is empty or does not give an https URL. */
export function chatUrl(template: string, user: { userId: number; phone: string }): string | null {
  if (template.trim() === '') return null;
  const url = template
    .trim()
    .replaceAll('{id}', encodeURIComponent(String(user.userId)))
    .replaceAll('{phone}', encodeURIComponent(user.phone));
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Empty, or an https URL that names the contact with {id} or {phone}. */
export function validChatTemplate(template: string): boolean {
  const value = template.trim();
  if (value === '') return true;
  if (!value.includes('{id}') && !value.includes('{phone}')) return false;
  try {
    const url = new URL(value.replaceAll('{id}', '1').replaceAll('{phone}', '1'));
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}
