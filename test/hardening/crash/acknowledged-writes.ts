/**
 * What the server promised: every drop it answered 202 and every blob version it answered 200,
 * plus every blob write that was sent but never answered (it may or may not have committed).
 */
export class AcknowledgedWrites {
  /** Drop id → envelope JSON, per inbox owner. */
  readonly drops = new Map<string, Map<string, string>>();
  /** Per blob owner: the highest version answered 200, and its ciphertext. */
  readonly latestBlob = new Map<string, { version: number; ciphertext: string }>();
  /** Per blob owner and version: every ciphertext a client tried to write as that version. */
  private readonly attemptedBlobs = new Map<string, Map<number, Set<string>>>();

  dropAcknowledged(owner: string, id: string, envelope: string): void {
    const inbox = this.drops.get(owner) ?? new Map<string, string>();
    inbox.set(id, envelope);
    this.drops.set(owner, inbox);
  }

  blobAttempted(owner: string, version: number, ciphertext: string): void {
    const versions = this.attemptedBlobs.get(owner) ?? new Map<number, Set<string>>();
    const texts = versions.get(version) ?? new Set<string>();
    texts.add(ciphertext);
    versions.set(version, texts);
    this.attemptedBlobs.set(owner, versions);
  }

  blobAcknowledged(owner: string, version: number, ciphertext: string): void {
    const latest = this.latestBlob.get(owner);
    if (!latest || version > latest.version) this.latestBlob.set(owner, { version, ciphertext });
  }

  get dropCount(): number {
    return [...this.drops.values()].reduce((sum, inbox) => sum + inbox.size, 0);
  }

  /** Everything that differs between the promises and what the storage holds; empty when nothing was lost. */
  findLosses(found: StoredState): string[] {
    const losses: string[] = [];
    for (const [owner, inbox] of this.drops) {
      const stored = found.inboxes.get(owner) ?? new Map<string, string>();
      for (const [id, envelope] of inbox) {
        const kept = stored.get(id);
        if (kept === undefined) losses.push(`drop ${id} to ${owner} (answered 202) is gone`);
        else if (JSON.stringify(JSON.parse(kept)) !== JSON.stringify(JSON.parse(envelope))) losses.push(`drop ${id} to ${owner} changed its envelope`);
      }
    }
    for (const [owner, latest] of this.latestBlob) {
      const stored = found.blobs.get(owner);
      if (!stored) {
        losses.push(`blob of ${owner} is gone`);
        continue;
      }
      if (stored.version < latest.version) losses.push(`blob of ${owner} went back from version ${latest.version} to ${stored.version}`);
      else if (stored.version === latest.version && stored.ciphertext !== latest.ciphertext) losses.push(`blob of ${owner} v${stored.version} holds other bytes than answered`);
      else if (!this.attemptedBlobs.get(owner)?.get(stored.version)?.has(stored.ciphertext)) {
        losses.push(`blob of ${owner} v${stored.version} holds bytes no client wrote as that version`);
      }
    }
    return losses;
  }
}

export interface StoredState {
  /** Owner → item id → envelope JSON. */
  readonly inboxes: Map<string, Map<string, string>>;
  /** Owner → version and ciphertext (b64u). */
  readonly blobs: Map<string, { version: number; ciphertext: string }>;
}
