/**
 * What the server promised about store objects: answered 201 (staged) or 202 (dropped by a friend,
 * PROTOCOL §9.2), and committed or claimed by a head write answered 200.
 */
export class AcknowledgedObjects {
  /** Object id → bytes (b64u), staged with a 201 or dropped with a 202. */
  private readonly staged = new Map<string, string>();
  private readonly committed = new Set<string>();

  get count(): number {
    return this.staged.size;
  }

  get committedCount(): number {
    return this.committed.size;
  }

  stagedAcknowledged(id: string, bytes: string): void {
    this.staged.set(id, bytes);
  }

  droppedAcknowledged(id: string, bytes: string): void {
    this.staged.set(id, bytes);
  }

  committedAcknowledged(id: string): void {
    this.committed.add(id);
  }

  /** Every object lost, changed or uncommitted, and any drift of the running totals; empty when all is kept. */
  findLosses(found: StoredObjects): string[] {
    const losses: string[] = [];
    for (const [id, bytes] of this.staged) {
      const stored = found.objects.get(id);
      if (!stored) losses.push(`object ${id} (answered 201) is gone`);
      else if (stored.data !== bytes) losses.push(`object ${id} holds other bytes than uploaded`);
      else if (this.committed.has(id) && stored.state !== 'committed') losses.push(`object ${id} (committed, answered 200) is ${stored.state}`);
    }
    const rows = [...found.objects.values()].filter((object) => object.state !== 'dropped');
    const sum = rows.reduce((total, object) => total + object.bytes, 0);
    if (found.usage.objects !== rows.length || found.usage.bytes !== sum) {
      losses.push(`store totals say ${found.usage.objects} objects / ${found.usage.bytes} bytes, rows hold ${rows.length} / ${sum}`);
    }
    const dropped = [...found.objects.values()].filter((object) => object.state === 'dropped');
    const droppedSum = dropped.reduce((total, object) => total + object.bytes, 0);
    if (found.dropped.objects !== dropped.length || found.dropped.bytes !== droppedSum) {
      losses.push(`dropped totals say ${found.dropped.objects} objects / ${found.dropped.bytes} bytes, rows hold ${dropped.length} / ${droppedSum}`);
    }
    return losses;
  }
}

export interface StoredObjects {
  /** Object id → state, length and bytes (b64u), of the one store under load. */
  readonly objects: Map<string, { state: string; bytes: number; data: string }>;
  /** The running totals as stored. */
  readonly usage: { objects: number; bytes: number };
  /** The running totals of the objects dropped into its inbox, as stored. */
  readonly dropped: { objects: number; bytes: number };
}
