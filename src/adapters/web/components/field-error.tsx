interface Props {
  readonly id: string;
  readonly error: string | null | undefined;
}

/** The message under an invalid field; its input names it in aria-describedby (see describedBy). */
export function FieldError({ id, error }: Props) {
  if (!error) return null;
  return (
    <p id={id} class="field__error">
      {error}
    </p>
  );
}

/** The aria-describedby value for the descriptions actually shown, or undefined when none is. */
export const describedBy = (...shown: readonly (string | false | null | undefined)[]): string | undefined =>
  shown.filter(Boolean).join(' ') || undefined;
