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
