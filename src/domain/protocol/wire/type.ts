import {
  Array as ArrayType,
  Boolean as BooleanType,
  Integer,
  Literal,
  Null,
  Object as ObjectType,
  Optional,
  String as StringType,
  Union,
} from '@sinclair/typebox';

/**
 * The TypeBox builders the wire schemas use, imported one by one: TypeBox's own `Type` object holds
 * every builder it has, and a bundler must keep all of them in the browser bundle.
 */
export const Type = {
  Array: ArrayType,
  Boolean: BooleanType,
  Integer,
  Literal,
  Null,
  Object: ObjectType,
  Optional,
  String: StringType,
  Union,
} as const;
