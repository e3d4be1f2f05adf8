/**
 * A readonly record while it is being built, field by field: hot paths set
 * optional fields only when present instead of spreading `{ field }` or `{}`
 * objects, each of which is an allocation.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
