/**
 * Said while a text is over its field's limit. The field keeps every character (no maxLength), so
 * nothing typed or pasted is cut off unseen: a name cut short would become the account's name.
 */
export function tooLongBy(text: string, limit: number, holder: string): string | null {
  const over = text.length - limit;
  if (over <= 0) return null;
  return `${over.toLocaleString('en')} ${over === 1 ? 'character' : 'characters'} too long: ${holder} holds up to ${limit}.`;
}
