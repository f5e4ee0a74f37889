import type { PasswordRating } from '../password-strength';

interface Props {
  readonly rating: PasswordRating;
  readonly empty: boolean;
  /** Whether to show the rating's advice under the bar. */
  readonly advice: boolean;
}

export function PasswordStrengthMeter({ rating, empty, advice }: Props) {
  if (empty) {
    return (
      <p class="strength__hint">
        A few unrelated words work well. It must be strong: it is the only lock on your encrypted data, and whoever copies
        the server can try passwords against it offline.
      </p>
    );
  }
  return (
    <div class={`strength strength--${rating.score}`}>
      <div class="strength__bar" aria-hidden="true">
        <span class="strength__fill" />
      </div>
      <p class="strength__label">Strength: {rating.label}.</p>
      {advice && <p class="strength__hint">{rating.hint}</p>}
    </div>
  );
}
