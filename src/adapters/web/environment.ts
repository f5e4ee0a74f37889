import type { WellKnownBody } from '../../domain/protocol/wire';
import type { Preferences } from './preferences';

export type RegistrationMode = WellKnownBody['registration'];

/** What the app needs from the page it runs in; tests and other hosts can provide their own. */
export interface WebEnvironment {
  /** The page's own host:port when a home server serves it, so new users get it as default. */
  detectHomeServer(): Promise<string | null>;
  /** Whether the server at `host[:port]` takes new accounts; null when it cannot be asked. */
  registrationMode(server: string): Promise<RegistrationMode | null>;
  /** The address last used on this device, or null. */
  recallLastAddress(): string | null;
  rememberLastAddress(address: string): void;
  /** After the account was deleted: the next visit starts fresh. */
  forgetLastAddress(): void;
  recallPreferences(): Preferences;
  rememberPreferences(preferences: Preferences): void;
  /** Offers a file to the user as a download. */
  saveFile(fileName: string, content: string, mimeType: string): void;
}
