import type { PasswordRating } from '../password-strength';

interface Props {
  readonly rating: PasswordRating;
  readonly empty: boolean;
}

export function PasswordStrengthMeter({ rating, empty }: Props) {
  if (empty) return <p class="strength__hint">Use at least 10 characters; a few unrelated words work well.</p>;
  return (
    <div class={`strength strength--${rating.score}`}>
      <div class="strength__bar" aria-hidden="true">
        <span class="strength__fill" />
      </div>
      <p class="strength__label">Strength: {rating.label}.</p>
      <p class="strength__hint">{rating.hint}</p>
    </div>
  );
}
