import { err, ok, Result } from '../../../domain/protocol/result';

export interface MongoWriteConcern {
  readonly w: number | 'majority';
  /** Acknowledge only once the write is in the on-disk journal. */
  readonly j: boolean;
}

export interface MongoStorageOptions {
  /** `mongodb://…` or `mongodb+srv://…`; credentials, `replicaSet`, `tls`… go here. */
  readonly url: string;
  /** Defaults to the database named in the URL path, else `starbase`. */
  readonly dbName?: string;
  /** Defaults to `{ w: 'majority', j: true }` unless the URL sets `w` or `journal` itself. */
  readonly writeConcern?: MongoWriteConcern;
  /** Receives operational lines (never secrets). Defaults to stderr. */
  readonly logger?: (line: string) => void;
  /**
   * Create the TTL indexes that let the server drop expired sessions and captchas (default true).
   * Only test suites with a fake clock far in the past turn this off: the server's TTL monitor runs
   * on wall-clock time and would delete their records mid-test.
   */
  readonly ttlIndexes?: boolean;
}

export interface ResolvedMongoStorageOptions {
  readonly url: string;
  readonly dbName: string;
  /** Undefined when the URL's own write concern applies. */
  readonly writeConcern: { readonly w: number | 'majority'; readonly journal: boolean } | undefined;
  readonly logger: (line: string) => void;
  readonly ttlIndexes: boolean;
}

export const DEFAULT_DB_NAME = 'starbase';
export const DEFAULT_WRITE_CONCERN: MongoWriteConcern = { w: 'majority', j: true };

const URL_PATTERN = /^mongodb(\+srv)?:\/\/[^/?#]+(\/[^?#]*)?(\?[^#]*)?$/;
/** MongoDB forbids these in database names (on any platform), plus the empty name. */
const DB_NAME_FORBIDDEN = /[/\\. "$*<>:|?\0]/;
const DB_NAME_MAX_BYTES = 63;

/**
 * True for a MongoDB connection string this adapter accepts, seed lists (`h1:27017,h2:27017`)
 * included, which WHATWG `new URL()` rejects.
 */
export const isMongoUrl = (url: string): boolean => URL_PATTERN.test(url);

/** The database named in the URL path (`mongodb://host/db?…`), or undefined when there is none. */
export const databaseNameFromUrl = (url: string): string | undefined => {
  const path = URL_PATTERN.exec(url)?.[2];
  if (!path || path === '/') return undefined;
  return decodeURIComponent(path.slice(1));
};

const urlQueryKeys = (url: string): string[] => {
  const query = URL_PATTERN.exec(url)?.[3];
  if (!query) return [];
  return [...new URLSearchParams(query.slice(1)).keys()].map((key) => key.toLowerCase());
};

/** True when the connection string chooses its own write concern, which then wins over our default. */
export const urlSetsWriteConcern = (url: string): boolean =>
  urlQueryKeys(url).some((key) => key === 'w' || key === 'journal' || key === 'j');

export const checkDatabaseName = (name: string): string | null => {
  if (name.length === 0) return 'the MongoDB database name must not be empty';
  if (DB_NAME_FORBIDDEN.test(name)) return `the MongoDB database name "${name}" contains a character MongoDB forbids (/\\. "$*<>:|?)`;
  if (Buffer.byteLength(name, 'utf8') > DB_NAME_MAX_BYTES) return `the MongoDB database name "${name}" is longer than ${DB_NAME_MAX_BYTES} bytes`;
  return null;
};

const checkWriteConcern = (writeConcern: MongoWriteConcern): string | null => {
  const { w, j } = writeConcern;
  if (w !== 'majority' && !(Number.isInteger(w) && w >= 1)) {
    // w: 0 (fire and forget) would make every compare-and-set and quota check meaningless.
    return `MongoDB write concern w must be 'majority' or an integer >= 1, got ${JSON.stringify(w)}`;
  }
  if (typeof j !== 'boolean') return `MongoDB write concern j must be true or false, got ${JSON.stringify(j)}`;
  return null;
};

/** Validates the options and fills in defaults; every problem is reported, each as one readable line. */
export const resolveMongoStorageOptions = (options: MongoStorageOptions): Result<ResolvedMongoStorageOptions, string[]> => {
  const problems: string[] = [];
  if (!isMongoUrl(options.url)) {
    // Never echo the URL: it usually carries a password.
    problems.push('the MongoDB URL must look like mongodb://host[:port][,host…]/[db][?options] or mongodb+srv://host/[db][?options]');
  }
  const dbName = options.dbName ?? databaseNameFromUrl(options.url) ?? DEFAULT_DB_NAME;
  const dbNameProblem = checkDatabaseName(dbName);
  if (dbNameProblem) problems.push(dbNameProblem);
  const writeConcernProblem = options.writeConcern ? checkWriteConcern(options.writeConcern) : null;
  if (writeConcernProblem) problems.push(writeConcernProblem);
  if (problems.length > 0) return err(problems);

  const chosen = options.writeConcern ?? (urlSetsWriteConcern(options.url) ? undefined : DEFAULT_WRITE_CONCERN);
  return ok({
    url: options.url,
    dbName,
    writeConcern: chosen ? { w: chosen.w, journal: chosen.j } : undefined,
    logger: options.logger ?? ((line: string) => process.stderr.write(`${line}\n`)),
    ttlIndexes: options.ttlIndexes ?? true,
  });
};
