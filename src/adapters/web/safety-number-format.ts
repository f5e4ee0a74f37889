/** Splits the 60-digit safety number into its 12 groups of 5, whatever separators it came with. */
export function safetyNumberGroups(safetyNumber: string): readonly string[] {
  const digits = safetyNumber.replace(/\D/g, '');
  const groups: string[] = [];
  for (let start = 0; start < digits.length; start += 5) groups.push(digits.slice(start, start + 5));
  return groups;
}
