export interface IdGenerator {
  /** A unique, URL-safe id. */
  next(): string;
}
