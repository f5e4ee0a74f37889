/** What the app needs from the page it runs in; tests and other hosts can provide their own. */
export interface WebEnvironment {
  /** Allow http:// home servers (only sensible when the page itself is served over http). */
  readonly allowHttp: boolean;
  /** The page's own host:port when a home server serves it, so new users get it as default. */
  detectHomeServer(): Promise<string | null>;
  /** The address last used on this device, or null. */
  recallLastAddress(): string | null;
  rememberLastAddress(address: string): void;
  /** Offers a file to the user as a download. */
  saveFile(fileName: string, content: string, mimeType: string): void;
}
