/**
 * Just enough of MongoDB's query and update semantics to run the adapter's conditional updates
 * against plain objects: equality, `$lte`, `$gt`, `$set` and `$inc` on top-level fields.
 */
type Plain = Record<string, unknown>;

const isOperatorObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && Object.keys(value).every((key) => key.startsWith('$'));

const satisfies = (actual: unknown, condition: unknown): boolean => {
  if (!isOperatorObject(condition)) return actual === condition;
  return Object.entries(condition).every(([operator, operand]) => {
    if (typeof actual !== 'number' || typeof operand !== 'number') return false;
    switch (operator) {
      case '$lte':
        return actual <= operand;
      case '$gt':
        return actual > operand;
      default:
        throw new Error(`the test evaluator does not know ${operator}`);
    }
  });
};

export const matches = (document: object, filter: object): boolean =>
  Object.entries(filter).every(([field, condition]) => satisfies((document as Plain)[field], condition));

export const applyUpdate = <T extends object>(document: T, update: object): T => {
  const next: Plain = { ...(document as Plain) };
  for (const [operator, fields] of Object.entries(update)) {
    for (const [field, value] of Object.entries(fields as Plain)) {
      if (operator === '$set') next[field] = value;
      else if (operator === '$inc') next[field] = (next[field] as number) + (value as number);
      else throw new Error(`the test evaluator does not know ${operator}`);
    }
  }
  return next as T;
};
