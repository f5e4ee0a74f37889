import { safetyNumberGroups } from '../safety-number-format';

interface Props {
  readonly safetyNumber: string;
}

export function SafetyNumberGrid({ safetyNumber }: Props) {
  const groups = safetyNumberGroups(safetyNumber);
  return (
    <ol class="safety-grid" aria-label="Safety number, 12 groups of 5 digits">
      {groups.map((group, index) => (
        <li key={index} class="safety-grid__group">
          {group}
        </li>
      ))}
    </ol>
  );
}
