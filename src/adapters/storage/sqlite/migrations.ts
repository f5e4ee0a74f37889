import type { Database } from 'better-sqlite3';

/**
 * The schema as an ordered list of steps; `PRAGMA user_version` records how many have run.
 * Never edit a step that has shipped: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    name            TEXT PRIMARY KEY,
    created_at      INTEGER NOT NULL,
    last_seen_at    INTEGER,
    auth_hash       TEXT NOT NULL,
    kdf_algorithm   TEXT NOT NULL,
    kdf_salt        TEXT NOT NULL,
    kdf_memory_kib  INTEGER NOT NULL,
    kdf_iterations  INTEGER NOT NULL,
    kdf_parallelism INTEGER NOT NULL,
    identity_key    TEXT NOT NULL,
    open_inbox      INTEGER NOT NULL,
    disabled        INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE user_blobs (
    name       TEXT PRIMARY KEY REFERENCES accounts (name) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    ciphertext BLOB NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  -- AUTOINCREMENT so a seq is never handed out twice, even after the newest item is acknowledged:
  -- clients hold seq values as cursors.
  CREATE TABLE inbox_items (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL,
    owner          TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('friend-request', 'drop')),
    token_id       TEXT,
    received_at    INTEGER NOT NULL,
    envelope       TEXT NOT NULL,
    envelope_bytes INTEGER NOT NULL,
    UNIQUE (owner, id)
  ) STRICT;
  CREATE INDEX inbox_items_by_owner_seq ON inbox_items (owner, seq);
  -- Covers the quota check (count and bytes per inbox, count per token) without touching the envelopes.
  CREATE INDEX inbox_items_usage ON inbox_items (owner, token_id, envelope_bytes);
  CREATE INDEX inbox_items_friend_requests ON inbox_items (owner, kind, seq);

  CREATE TABLE drop_tokens (
    id           TEXT PRIMARY KEY,
    owner        TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    hash         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    uses         INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX drop_tokens_by_owner_hash ON drop_tokens (owner, hash);

  CREATE TABLE sessions (
    jti        TEXT PRIMARY KEY,
    name       TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_by_name ON sessions (name);
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);

  -- No foreign key: whether a captcha may be issued for an unknown name is the use case's decision.
  CREATE TABLE captchas (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    answer        TEXT NOT NULL,
    expires_at    INTEGER NOT NULL,
    attempts_left INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX captchas_by_name ON captchas (name);
  CREATE INDEX captchas_by_expiry ON captchas (expires_at);

  CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
  ) STRICT;
  `,
  `
  -- Single-use registration invites (STARBASE_REGISTRATION=invite); only the SHA-256 of each code.
  CREATE TABLE invites (
    id          TEXT PRIMARY KEY,
    code_hash   TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    redeemed_at INTEGER
  ) STRICT;
  `,
  `
  -- Items and envelope bytes per inbox, kept by triggers on every insert and delete (appends,
  -- acks, evictions, account deletion, snapshot import): the quota check of a drop reads one row
  -- instead of aggregating over the whole inbox. No foreign key: rows follow the items alone.
  CREATE TABLE inbox_usage (
    owner TEXT PRIMARY KEY,
    items INTEGER NOT NULL,
    bytes INTEGER NOT NULL
  ) STRICT;
  INSERT INTO inbox_usage (owner, items, bytes)
    SELECT owner, count(*), sum(envelope_bytes) FROM inbox_items GROUP BY owner;
  CREATE TRIGGER inbox_usage_after_insert AFTER INSERT ON inbox_items BEGIN
    INSERT INTO inbox_usage (owner, items, bytes) VALUES (NEW.owner, 1, NEW.envelope_bytes)
      ON CONFLICT (owner) DO UPDATE SET items = items + 1, bytes = bytes + excluded.bytes;
  END;
  CREATE TRIGGER inbox_usage_after_delete AFTER DELETE ON inbox_items BEGIN
    UPDATE inbox_usage SET items = items - 1, bytes = bytes - OLD.envelope_bytes WHERE owner = OLD.owner;
    DELETE FROM inbox_usage WHERE owner = OLD.owner AND items = 0;
  END;
  `,
  `
  -- The user store (PROTOCOL §8): objects as BLOB rows, so an object and the head write that
  -- commits it share one transaction and one fsync, a crash cannot orphan a file, and the online
  -- backup copies them (docs/storage.md has the measurement). The data column comes last: listing
  -- and quota reads never touch its overflow pages.
  CREATE TABLE store_objects (
    owner      TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('staged', 'committed', 'dropped')),
    bytes      INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    token_id   TEXT,
    data       BLOB NOT NULL,
    UNIQUE (owner, id)
  ) STRICT;
  CREATE INDEX store_objects_by_state_age ON store_objects (state, created_at);
  CREATE INDEX store_objects_by_owner_state ON store_objects (owner, state, id);

  -- Staged + committed objects and bytes per account, kept by triggers like inbox_usage (dropped
  -- objects belong to the inbox partition until a claim moves them in).
  CREATE TABLE store_usage (
    owner   TEXT PRIMARY KEY,
    objects INTEGER NOT NULL,
    bytes   INTEGER NOT NULL
  ) STRICT;
  CREATE TRIGGER store_usage_after_insert AFTER INSERT ON store_objects WHEN NEW.state <> 'dropped' BEGIN
    INSERT INTO store_usage (owner, objects, bytes) VALUES (NEW.owner, 1, NEW.bytes)
      ON CONFLICT (owner) DO UPDATE SET objects = objects + 1, bytes = bytes + excluded.bytes;
  END;
  CREATE TRIGGER store_usage_after_delete AFTER DELETE ON store_objects WHEN OLD.state <> 'dropped' BEGIN
    UPDATE store_usage SET objects = objects - 1, bytes = bytes - OLD.bytes WHERE owner = OLD.owner;
    DELETE FROM store_usage WHERE owner = OLD.owner AND objects = 0;
  END;
  CREATE TRIGGER store_usage_after_claim AFTER UPDATE OF state ON store_objects
    WHEN OLD.state = 'dropped' AND NEW.state <> 'dropped' BEGIN
    INSERT INTO store_usage (owner, objects, bytes) VALUES (NEW.owner, 1, NEW.bytes)
      ON CONFLICT (owner) DO UPDATE SET objects = objects + 1, bytes = bytes + excluded.bytes;
  END;
  `,
  `
  -- Dropped objects (PROTOCOL §9.2) per inbox, kept by triggers like inbox_usage: they weigh on
  -- the inbox's bytes until a claim moves them into the store (or an ack or the purge deletes them).
  CREATE TABLE dropped_usage (
    owner   TEXT PRIMARY KEY,
    objects INTEGER NOT NULL,
    bytes   INTEGER NOT NULL
  ) STRICT;
  INSERT INTO dropped_usage (owner, objects, bytes)
    SELECT owner, count(*), sum(bytes) FROM store_objects WHERE state = 'dropped' GROUP BY owner;
  CREATE TRIGGER dropped_usage_after_insert AFTER INSERT ON store_objects WHEN NEW.state = 'dropped' BEGIN
    INSERT INTO dropped_usage (owner, objects, bytes) VALUES (NEW.owner, 1, NEW.bytes)
      ON CONFLICT (owner) DO UPDATE SET objects = objects + 1, bytes = bytes + excluded.bytes;
  END;
  CREATE TRIGGER dropped_usage_after_delete AFTER DELETE ON store_objects WHEN OLD.state = 'dropped' BEGIN
    UPDATE dropped_usage SET objects = objects - 1, bytes = bytes - OLD.bytes WHERE owner = OLD.owner;
    DELETE FROM dropped_usage WHERE owner = OLD.owner AND objects = 0;
  END;
  CREATE TRIGGER dropped_usage_after_claim AFTER UPDATE OF state ON store_objects
    WHEN OLD.state = 'dropped' AND NEW.state <> 'dropped' BEGIN
    UPDATE dropped_usage SET objects = objects - 1, bytes = bytes - OLD.bytes WHERE owner = OLD.owner;
    DELETE FROM dropped_usage WHERE owner = OLD.owner AND objects = 0;
  END;
  -- A drop token's share: its dropped bytes, as inbox_items_usage covers its envelopes.
  CREATE INDEX store_objects_dropped_by_token ON store_objects (owner, token_id, bytes) WHERE state = 'dropped';
  -- The retention purge (STARBASE_DROP_RETENTION_DAYS) of unacknowledged items.
  CREATE INDEX inbox_items_by_age ON inbox_items (received_at);
  `,
  `
  -- Object bytes in files (docs/storage.md): a row names its file in the objects directory next to
  -- the database, and data holds X'' (a STRICT table cannot drop data's NOT NULL without copying
  -- every object once). Rows from before keep their bytes in data and are read from there.
  ALTER TABLE store_objects ADD COLUMN file TEXT;
  -- The sweep at open lists every named file without touching the rows' overflow pages.
  CREATE INDEX store_objects_by_file ON store_objects (file) WHERE file IS NOT NULL;
  -- Files whose rows are gone, recorded in the deleting transaction (account deletion's cascade
  -- included): unlinked only once that transaction is on disk, so no crash can leave a row without
  -- its file.
  -- AUTOINCREMENT: a sweep unlinks only the rows up to the seq it saw right after its commit, and a
  -- reused seq could name a deletion not yet on disk.
  CREATE TABLE deleted_object_files (seq INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL) STRICT;
  CREATE TRIGGER deleted_object_files_after_delete AFTER DELETE ON store_objects WHEN OLD.file IS NOT NULL BEGIN
    INSERT INTO deleted_object_files (file) VALUES (OLD.file);
  END;
  `,
  `
  -- A listing version per inbox (InboxRepository.listingVersion), so a page of it can be reused
  -- until it changes: every insert and delete of an item takes the next value of one counter for the
  -- whole database and stamps its inbox's usage row with it. A value is never handed out twice, so a
  -- version read before a change is never read again after it, even once the row is gone (an inbox
  -- without a row reads as 'none:' and the counter). Rows still go at zero items: a deleted
  -- account's name stays nowhere.
  CREATE TABLE inbox_changes (only INTEGER PRIMARY KEY CHECK (only = 1), counter INTEGER NOT NULL) STRICT;
  INSERT INTO inbox_changes (only, counter) VALUES (1, 0);
  ALTER TABLE inbox_usage ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
  DROP TRIGGER inbox_usage_after_insert;
  DROP TRIGGER inbox_usage_after_delete;
  CREATE TRIGGER inbox_usage_after_insert AFTER INSERT ON inbox_items BEGIN
    UPDATE inbox_changes SET counter = counter + 1;
    INSERT INTO inbox_usage (owner, items, bytes, changed_at)
      VALUES (NEW.owner, 1, NEW.envelope_bytes, (SELECT counter FROM inbox_changes))
      ON CONFLICT (owner) DO UPDATE SET items = items + 1, bytes = bytes + excluded.bytes, changed_at = excluded.changed_at;
  END;
  CREATE TRIGGER inbox_usage_after_delete AFTER DELETE ON inbox_items BEGIN
    UPDATE inbox_changes SET counter = counter + 1;
    UPDATE inbox_usage SET items = items - 1, bytes = bytes - OLD.envelope_bytes, changed_at = (SELECT counter FROM inbox_changes)
      WHERE owner = OLD.owner;
    DELETE FROM inbox_usage WHERE owner = OLD.owner AND items = 0;
  END;
  `,
  `
  -- Items and bytes per source of an inbox (inbox-quota.ts: a drop token, the open inbox's drops,
  -- the friend requests; \`sourceKey\` names them alike), envelopes and dropped objects apart, kept by
  -- triggers on every insert, delete and claim like inbox_usage: a drop's quota check reads one row
  -- where it counted every pending item and object of its token, so it costs the same however full
  -- the token is. No foreign key: rows follow the items and objects alone, and go once empty.
  CREATE TABLE source_usage (
    owner        TEXT NOT NULL,
    source       TEXT NOT NULL,
    items        INTEGER NOT NULL,
    item_bytes   INTEGER NOT NULL,
    objects      INTEGER NOT NULL,
    object_bytes INTEGER NOT NULL,
    PRIMARY KEY (owner, source)
  ) STRICT, WITHOUT ROWID;
  -- A dropped object without a token was never in a token's share, and stays out of every share.
  INSERT INTO source_usage (owner, source, items, item_bytes, objects, object_bytes)
    SELECT owner, source, sum(items), sum(item_bytes), sum(objects), sum(object_bytes) FROM (
      SELECT owner,
             CASE WHEN kind = 'friend-request' THEN 'friend-requests' WHEN token_id IS NULL THEN 'open-inbox' ELSE 'drop-token:' || token_id END AS source,
             1 AS items, envelope_bytes AS item_bytes, 0 AS objects, 0 AS object_bytes
        FROM inbox_items
      UNION ALL
      SELECT owner, 'drop-token:' || token_id, 0, 0, 1, bytes FROM store_objects WHERE state = 'dropped' AND token_id IS NOT NULL
    )
    GROUP BY owner, source;
  CREATE TRIGGER source_usage_after_item_insert AFTER INSERT ON inbox_items BEGIN
    INSERT INTO source_usage (owner, source, items, item_bytes, objects, object_bytes)
      VALUES (NEW.owner,
              CASE WHEN NEW.kind = 'friend-request' THEN 'friend-requests' WHEN NEW.token_id IS NULL THEN 'open-inbox' ELSE 'drop-token:' || NEW.token_id END,
              1, NEW.envelope_bytes, 0, 0)
      ON CONFLICT (owner, source) DO UPDATE SET items = items + 1, item_bytes = item_bytes + excluded.item_bytes;
  END;
  CREATE TRIGGER source_usage_after_item_delete AFTER DELETE ON inbox_items BEGIN
    UPDATE source_usage SET items = items - 1, item_bytes = item_bytes - OLD.envelope_bytes
      WHERE owner = OLD.owner
        AND source = CASE WHEN OLD.kind = 'friend-request' THEN 'friend-requests' WHEN OLD.token_id IS NULL THEN 'open-inbox' ELSE 'drop-token:' || OLD.token_id END;
  END;
  CREATE TRIGGER source_usage_after_object_insert AFTER INSERT ON store_objects
    WHEN NEW.state = 'dropped' AND NEW.token_id IS NOT NULL BEGIN
    INSERT INTO source_usage (owner, source, items, item_bytes, objects, object_bytes)
      VALUES (NEW.owner, 'drop-token:' || NEW.token_id, 0, 0, 1, NEW.bytes)
      ON CONFLICT (owner, source) DO UPDATE SET objects = objects + 1, object_bytes = object_bytes + excluded.object_bytes;
  END;
  CREATE TRIGGER source_usage_after_object_delete AFTER DELETE ON store_objects
    WHEN OLD.state = 'dropped' AND OLD.token_id IS NOT NULL BEGIN
    UPDATE source_usage SET objects = objects - 1, object_bytes = object_bytes - OLD.bytes
      WHERE owner = OLD.owner AND source = 'drop-token:' || OLD.token_id;
  END;
  -- A claim moves the object into the store and clears its token: the share it leaves is OLD's.
  CREATE TRIGGER source_usage_after_object_claim AFTER UPDATE OF state ON store_objects
    WHEN OLD.state = 'dropped' AND NEW.state <> 'dropped' AND OLD.token_id IS NOT NULL BEGIN
    UPDATE source_usage SET objects = objects - 1, object_bytes = object_bytes - OLD.bytes
      WHERE owner = OLD.owner AND source = 'drop-token:' || OLD.token_id;
  END;
  -- One place for every way a source empties; a deleted account's name then stays nowhere.
  CREATE TRIGGER source_usage_after_emptied AFTER UPDATE ON source_usage
    WHEN NEW.items = 0 AND NEW.objects = 0 BEGIN
    DELETE FROM source_usage WHERE owner = NEW.owner AND source = NEW.source;
  END;
  -- Read only by the counts these totals replace: one index fewer for every drop to write.
  DROP INDEX inbox_items_usage;
  DROP INDEX store_objects_dropped_by_token;
  `,
];

export const schemaVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/** Runs every step the database has not seen yet, each in its own transaction with its version bump. */
export const migrate = (db: Database): void => {
  const found = schemaVersion(db);
  if (found > MIGRATIONS.length) {
    throw new Error(`database schema version ${found} is newer than this server supports (${MIGRATIONS.length})`);
  }
  MIGRATIONS.forEach((step, index) => {
    const target = index + 1;
    db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      if (schemaVersion(db) >= target) return;
      db.exec(step);
      db.pragma(`user_version = ${target}`);
    }).immediate();
  });
};
