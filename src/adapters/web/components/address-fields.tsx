import type { Ref } from 'preact';
import { nameTooLong } from '../address-input';
import type { FieldBinding } from '../use-form';
import { TextField } from './text-field';

interface Props {
  readonly name: FieldBinding;
  readonly server: FieldBinding;
  readonly disabled: boolean;
  /** For moving focus to the name once the server refused it. */
  readonly nameRef?: Ref<HTMLInputElement>;
}

/** `name@server` as two fields, with the resulting address spelled out. */
export function AddressFields({ name, server, disabled, nameRef }: Props) {
  const preview = name.value.trim() && server.value.trim() ? `${name.value.trim().toLowerCase()}@${server.value.trim().toLowerCase()}` : null;
  return (
    <fieldset class="address-fields">
      <legend class="address-fields__legend">Address</legend>
      <div class="address-fields__row">
        <TextField
          className="address-fields__name"
          label="Name"
          {...name}
          error={name.error ?? nameTooLong(name.value)}
          autoComplete="username"
          disabled={disabled}
          required
          inputRef={nameRef}
        />
        <span class="address-fields__at" aria-hidden="true">
          @
        </span>
        <TextField
          className="address-fields__server"
          label="Server"
          {...server}
          inputMode="url"
          autoComplete="off"
          placeholder="chat.example.org"
          disabled={disabled}
          required
        />
      </div>
      <p class="address-fields__preview">{preview === null ? 'Your address: name@server' : `Your address: ${preview}`}</p>
    </fieldset>
  );
}
