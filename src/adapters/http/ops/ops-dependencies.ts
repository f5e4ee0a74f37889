/** What the storage holds right now, read when Prometheus scrapes. */
export interface StorageGauges {
  readonly accounts: number;
  readonly inboxItems: number;
  readonly inboxBytes: number;
  /** Staged + committed objects in all user stores, and their bytes. */
  readonly storeObjects: number;
  readonly storeObjectBytes: number;
  /** Dropped objects (PROTOCOL §9.2) waiting in all inboxes to be claimed, and their bytes. */
  readonly droppedObjects: number;
  readonly droppedObjectBytes: number;
}

/** What the operator endpoints need from the rest of the server. */
export interface OpsDependencies {
  /** True when storage answers (`GET /readyz`). */
  readonly ready: () => Promise<boolean>;
  /** Null: `/metrics` is off (STARBASE_METRICS=off). */
  readonly metrics: { readonly gauges: () => Promise<StorageGauges> } | null;
}
