import { useId, useState } from 'preact/hooks';
import type { CaptchaPrompt } from '../../../application/client/messenger';
import { serverOf } from '../address-input';
import { useFocusOnMount } from '../hooks';

type ImagePrompt = Extract<CaptchaPrompt, { kind: 'image' }>;

interface Props {
  readonly prompt: ImagePrompt;
  readonly recipient: string;
  readonly onAnswer: (answer: string) => void;
  /** Offered only when the recipient's server also takes proof of work. */
  readonly onProofOfWork: () => void;
  readonly onAnotherPicture: () => void;
  readonly onCancel: () => void;
}

/** The recipient's server decides who may knock: its picture, answered by a person. */
export function CaptchaChallenge({ prompt, recipient, onAnswer, onProofOfWork, onAnotherPicture, onCancel }: Props) {
  const id = useId();
  const [answer, setAnswer] = useState('');
  const inputRef = useFocusOnMount<HTMLInputElement>(prompt);
  const server = serverOf(recipient);
  return (
    <form
      class="captcha"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (answer.trim() !== '') onAnswer(answer.trim());
      }}
    >
      <h2 id={`${id}-title`} class="captcha__title">
        Prove you are a person
      </h2>
      <p class="captcha__explain">
        {server} asks everyone who sends a friend request to solve this puzzle, so that its users get no spam.
      </p>
      {prompt.retry && (
        <p class="captcha__retry" role="alert">
          That was not it, so here is a new picture. Your request and note are kept.
        </p>
      )}
      <img class="captcha__image" src={prompt.image} alt={`Puzzle picture from ${server}. Type the characters you see.`} />
      <div class="field">
        <label class="field__label" for={id}>
          Characters in the picture
        </label>
        <input
          ref={inputRef}
          id={id}
          class="field__input captcha__answer"
          value={answer}
          onInput={(event) => setAnswer(event.currentTarget.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          required
        />
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={answer.trim() === ''}>
          Send request
        </button>
        <button type="button" class="button" onClick={onAnotherPicture}>
          Another picture
        </button>
        {prompt.proofOfWorkOffered && (
          <button type="button" class="button" onClick={onProofOfWork}>
            Let my device solve a puzzle instead
          </button>
        )}
        <button type="button" class="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
