import { useEffect, useState } from 'preact/hooks';
import type { FieldBinding } from '../use-form';
import { loadPasswordDictionaries } from '../password-dictionaries';
import { hasPasswordDictionaries, ratePassword } from '../password-strength';
import { PasswordField } from './password-field';
import { PasswordStrengthMeter } from './password-strength-meter';

interface Props {
  readonly password: FieldBinding;
  readonly confirmation: FieldBinding;
  readonly labels: { readonly password: string; readonly confirmation: string };
  readonly disabled: boolean;
}

/** A new password with its strength hint, typed twice (account creation, password change). */
export function NewPasswordFields({ password, confirmation, labels, disabled }: Props) {
  const [, setDictionariesReady] = useState(hasPasswordDictionaries);
  useEffect(() => {
    let mounted = true;
    void loadPasswordDictionaries().then(() => mounted && setDictionariesReady(hasPasswordDictionaries()));
    return () => {
      mounted = false;
    };
  }, []);
  return (
    <>
      <PasswordField label={labels.password} {...password} autoComplete="new-password" disabled={disabled}>
        {/* The field's error already carries the advice: said once is enough. */}
        <PasswordStrengthMeter rating={ratePassword(password.value)} empty={password.value === ''} advice={password.error === null} />
      </PasswordField>
      <PasswordField label={labels.confirmation} {...confirmation} autoComplete="new-password" disabled={disabled} />
    </>
  );
}
