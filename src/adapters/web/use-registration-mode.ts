import { useEffect, useState } from 'preact/hooks';
import { checkServer } from './address-input';
import type { RegistrationMode, WebEnvironment } from './environment';

/** Asked once the server field has stopped changing, not on every keystroke. */
const SETTLE_MS = 300;

interface Answer {
  readonly server: string;
  readonly mode: RegistrationMode | null;
}

/** Whether the server typed so far takes new accounts (open, by invite, closed); null while unknown. */
export function useRegistrationMode(environment: WebEnvironment, server: string): RegistrationMode | null {
  const checked = checkServer(server);
  const wanted = checked.ok ? checked.value : null;
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (wanted === null) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      void environment.registrationMode(wanted).then((mode) => {
        if (current) setAnswer({ server: wanted, mode });
      });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [environment, wanted]);
  return answer !== null && answer.server === wanted ? answer.mode : null;
}
