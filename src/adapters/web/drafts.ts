/**
 * What the user typed and has not sent, per conversation, kept in memory only (never in storage:
 * it is plaintext). It outlives a session that ended by itself (password changed on another
 * device), so signing in again as the same account brings the text back; logging out drops it.
 */
export class Drafts {
  private owner: string | null = null;
  private readonly texts = new Map<string, string>();

  /** Drafts belong to one account: signing in as another one starts empty. */
  claimFor(address: string): void {
    if (this.owner !== address) this.clear();
    this.owner = address;
  }

  isEmpty(): boolean {
    return this.texts.size === 0;
  }

  get(friend: string): string {
    return this.texts.get(friend) ?? '';
  }

  set(friend: string, text: string): void {
    if (text === '') this.texts.delete(friend);
    else this.texts.set(friend, text);
  }

  /** A message that was not stored goes back in front of whatever was typed since. */
  restore(friend: string, text: string): void {
    const typed = this.get(friend);
    this.set(friend, typed === '' ? text : `${text}\n${typed}`);
  }

  clear(): void {
    this.owner = null;
    this.texts.clear();
  }
}
