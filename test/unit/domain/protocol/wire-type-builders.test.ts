import { Type as TypeBox, TSchema } from '@sinclair/typebox';
import { Type } from '../../../../src/domain/protocol/wire/type';

/** Uses every builder the wire schemas use, with the options they pass. */
const sample = (T: typeof Type): TSchema =>
  T.Object(
    {
      name: T.String({ minLength: 1, maxLength: 64, pattern: '^[a-z]+$' }),
      version: T.Optional(T.Integer({ minimum: 0 })),
      kind: T.Union([T.Literal('friend-request'), T.Literal('drop'), T.Null()]),
      ids: T.Array(T.String(), { maxItems: 3 }),
      open: T.Boolean(),
    },
    { additionalProperties: false },
  );

describe('the wire schemas\' own TypeBox builders', () => {
  it('build exactly the schemas TypeBox\'s Type builds, TypeBox\'s hidden markers included', () => {
    expect(sample(Type)).toStrictEqual(sample(TypeBox));
  });

  it('would notice a missing marker (the comparison sees symbol keys)', () => {
    const required = TypeBox.Object({ version: TypeBox.Integer() });
    const optional = TypeBox.Object({ version: TypeBox.Optional(TypeBox.Integer()) });

    expect(optional).not.toStrictEqual(required);
  });
});
