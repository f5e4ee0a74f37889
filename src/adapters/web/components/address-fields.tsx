import { TextField } from './text-field';

interface Props {
  readonly name: string;
  readonly server: string;
  readonly onName: (name: string) => void;
  readonly onServer: (server: string) => void;
  readonly nameError: string | null;
  readonly serverError: string | null;
  readonly disabled: boolean;
  readonly nameAutoComplete: 'username' | 'off';
}

/** `name@server` as two fields, with the resulting address spelled out. */
export function AddressFields(props: Props) {
  const preview = props.name.trim() && props.server.trim() ? `${props.name.trim().toLowerCase()}@${props.server.trim().toLowerCase()}` : null;
  return (
    <fieldset class="address-fields">
      <legend class="address-fields__legend">Address</legend>
      <div class="address-fields__row">
        <TextField
          className="address-fields__name"
          label="Name"
          value={props.name}
          onInput={props.onName}
          autoComplete={props.nameAutoComplete}
          error={props.nameError}
          disabled={props.disabled}
          required
          maxLength={32}
        />
        <span class="address-fields__at" aria-hidden="true">
          @
        </span>
        <TextField
          className="address-fields__server"
          label="Server"
          value={props.server}
          onInput={props.onServer}
          inputMode="url"
          autoComplete="off"
          placeholder="chat.example.org"
          error={props.serverError}
          disabled={props.disabled}
          required
        />
      </div>
      <p class="address-fields__preview">
        {preview === null ? 'Your address: name@server' : `Your address: ${preview}`}
      </p>
    </fieldset>
  );
}
