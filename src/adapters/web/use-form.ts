import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useFocusFirstInvalid } from './hooks';

/** What a field component needs: its value, its error, and how the user changes it. */
export interface FieldBinding {
  readonly value: string;
  readonly error: string | null;
  readonly onInput: (value: string) => void;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

export type FieldErrors<K extends string> = Partial<Record<K, string | null>>;

export interface Form<K extends string> {
  readonly values: Readonly<Record<K, string>>;
  readonly formRef: RefObject<HTMLFormElement>;
  /** Typing into a field clears its error. */
  field(name: K): FieldBinding;
  /**
   * A default that arrives late (the page's own server): used only while the field is empty and untouched, and not
   * while the user is in it (it goes in as they leave it empty).
   */
  offer(name: K, value: string): void;
  /** The values to submit, with a default held while the user was in its field and left empty going in now (Enter from the field). */
  submitted(): Readonly<Record<K, string>>;
  /** Shows these errors and moves focus to the first field with one; true when there is none. */
  validate(found: FieldErrors<K>): boolean;
  reset(): void;
}

const withValue = <K extends string, V>(record: Readonly<Partial<Record<K, V>>>, name: K, value: V) => ({ ...record, [name]: value });

/** Values, per-field errors and focus handling shared by every form of the app. */
export function useForm<K extends string>(initial: Readonly<Record<K, string>>): Form<K> {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<K>>({});
  const [attempt, setAttempt] = useState(0);
  const typed = useRef(new Set<K>());
  const focused = useRef<K | null>(null);
  const heldOffers = useRef<Partial<Record<K, string>>>({});
  const formRef = useFocusFirstInvalid(attempt);
  const fillIfEmpty = (name: K, value: string) =>
    setValues((current) => (current[name] === '' ? (withValue(current, name, value) as Record<K, string>) : current));
  return {
    values,
    formRef,
    field: (name) => ({
      value: values[name],
      error: errors[name] ?? null,
      onInput: (value) => {
        typed.current.add(name);
        setValues((current) => withValue(current, name, value) as Record<K, string>);
        setErrors((current) => withValue(current, name, null));
      },
      onFocus: () => {
        focused.current = name;
      },
      onBlur: () => {
        focused.current = null;
        const held = heldOffers.current[name];
        delete heldOffers.current[name];
        if (held !== undefined && !typed.current.has(name)) fillIfEmpty(name, held);
      },
    }),
    offer: (name, value) => {
      if (typed.current.has(name)) return;
      // Filled now, the field would take what the user is typing after the default (the caret moves to its end).
      if (focused.current === name) heldOffers.current[name] = value;
      else fillIfEmpty(name, value);
    },
    submitted: () => {
      const held = Object.entries(heldOffers.current) as [K, string][];
      heldOffers.current = {};
      const taken = held.filter(([name]) => values[name] === '' && !typed.current.has(name));
      if (taken.length === 0) return values;
      const filled = taken.reduce((current, [name, value]) => withValue(current, name, value) as Record<K, string>, values);
      setValues(filled);
      return filled;
    },
    validate: (found) => {
      setErrors(found);
      setAttempt((count) => count + 1);
      return Object.values(found).every((error) => error === null || error === undefined);
    },
    reset: () => {
      typed.current.clear();
      heldOffers.current = {};
      setValues(initial);
      setErrors({});
    },
  };
}
