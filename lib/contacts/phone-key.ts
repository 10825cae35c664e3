/**
 * A phone's digits alone: the key invitations are noted under. The book writes a phone with or
 * without its "+" (the phone format setting), and the server answers in either: by digits, an
 * invitation survives a change of format and matches the registered user it became.
 */
export function phoneKey(phone: string): string {
  return phone.replace(/\D/g, '');
}
