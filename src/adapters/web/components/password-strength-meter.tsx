import type { PasswordRating } from '../password-strength';

interface Props {
  readonly rating: PasswordRating;
  readonly empty: boolean;
}

export function PasswordStrengthMeter({ rating, empty }: Props) {
  if (empty) return <p class="strength__hint">Use at least 10 characters; a few unrelated words work well.</p>;
  return (
    <div class={`strength strength--${rating.score}`}>
      <meter class="strength__meter" min={0} max={4} low={2} high={3} optimum={4} value={rating.score} aria-hidden="true" />
      <p class="strength__label">Strength: {rating.label}.</p>
      <p class="strength__hint">{rating.hint}</p>
    </div>
  );
}
