interface Props {
  readonly question: string;
  readonly action: string;
  readonly onClick: () => void;
  readonly disabled: boolean;
}

/** "New here? Create an account" under the log-in and account-creation forms. */
export function AuthSwitch({ question, action, onClick, disabled }: Props) {
  return (
    <p class="auth__switch">
      {question}{' '}
      <button type="button" class="link-button" onClick={onClick} disabled={disabled}>
        {action}
      </button>
    </p>
  );
}
