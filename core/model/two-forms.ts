/**
 * One field description, two schemas. Every entity exists as a **canonical** record (what the
 * store holds: `id`, `tenantId`, `meta`, references as `…Id` uuids) and as a **source record**
 * (what a connector emits, model §1.15: no `id`/`tenantId`/`meta`, a `source` SourceRef, and each
 * reference as a SourceRef in a field ending `Ref`). Both are derived here from the same
 * description so they cannot drift apart.
 *
 * A description maps a base name to one of:
 * - a zod schema: content, identical in both forms;
 * - `ref()` / `optionalRef()`: a reference; `student: ref()` becomes `studentId` (uuid) in the
 *   canonical form and `studentRef` (SourceRef) in the source form;
 * - `refList()` / `optionalRefList()`: many references; `group` becomes `groupIds` / `groupRefs`;
 * - `derived(schema)`: computed by core/ (it needs a tenant key, a policy or other records), so
 *   it exists only in the canonical form;
 * - `knownLater(schema)`: required content that a single page cannot always know (it needs
 *   another stream); the source form also accepts null and the pipeline fills it in;
 * - `perForm(canonical, source)`: a nested value holding references, described twice with
 *   `defineParts` so each form gets its own shape.
 *
 * Optional values accept both absence and null in either form: platforms send both (SS 12000's
 * `nullsForAbsent`), and database rows come back with nulls.
 */
import { z } from 'zod';
import { RecordStatusSchema } from './enums.js';
import { IdSchema, MetaSchema, SourceRefSchema } from './value-objects.js';

// ── Field descriptions ───────────────────────────────────────────────────────────────────────

export interface RefField<Optional extends boolean = boolean, Many extends boolean = boolean> {
  readonly kind: 'ref';
  readonly optional: Optional;
  readonly many: Many;
}

export interface DerivedField<T extends z.ZodType = z.ZodType> {
  readonly kind: 'derived';
  readonly schema: T;
}

export interface KnownLaterField<T extends z.ZodType = z.ZodType> {
  readonly kind: 'knownLater';
  readonly schema: T;
}

export interface PerFormField<C extends z.ZodType = z.ZodType, S extends z.ZodType = z.ZodType> {
  readonly kind: 'perForm';
  readonly canonical: C;
  readonly source: S;
}

export type FieldSpec = z.ZodType | RefField | DerivedField | KnownLaterField | PerFormField;
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

export const ref = (): RefField<false, false> => ({ kind: 'ref', optional: false, many: false });
export const optionalRef = (): RefField<true, false> => ({ kind: 'ref', optional: true, many: false });
export const refList = (): RefField<false, true> => ({ kind: 'ref', optional: false, many: true });
export const optionalRefList = (): RefField<true, true> => ({ kind: 'ref', optional: true, many: true });

export const derived = <T extends z.ZodType>(schema: T): DerivedField<T> => ({ kind: 'derived', schema });
export const knownLater = <T extends z.ZodType>(schema: T): KnownLaterField<T> => ({ kind: 'knownLater', schema });
export const perForm = <C extends z.ZodType, S extends z.ZodType>(canonical: C, source: S): PerFormField<C, S> => ({
  kind: 'perForm',
  canonical,
  source,
});

// ── Types of the derived shapes ──────────────────────────────────────────────────────────────

type Optionally<T extends z.ZodType, Optional> = Optional extends true ? z.ZodOptional<z.ZodNullable<T>> : T;
type OneOrMany<T extends z.ZodType, Many> = Many extends true ? z.ZodArray<T> : T;

type CanonicalKey<K extends string, F> =
  F extends RefField<boolean, infer Many> ? `${K}${Many extends true ? 'Ids' : 'Id'}` : K;
type SourceKey<K extends string, F> = F extends DerivedField
  ? never
  : F extends RefField<boolean, infer Many>
    ? `${K}${Many extends true ? 'Refs' : 'Ref'}`
    : K;

type CanonicalFieldSchema<F> =
  F extends RefField<infer Optional, infer Many>
    ? Optionally<OneOrMany<typeof IdSchema, Many>, Optional>
    : F extends DerivedField<infer T> | KnownLaterField<infer T>
      ? T
      : F extends PerFormField<infer C, z.ZodType>
        ? C
        : F;
type SourceFieldSchema<F> =
  F extends RefField<infer Optional, infer Many>
    ? Optionally<OneOrMany<typeof SourceRefSchema, Many>, Optional>
    : F extends KnownLaterField<infer T>
      ? z.ZodNullable<T>
      : F extends PerFormField<z.ZodType, infer S>
        ? S
        : F;

export type CanonicalShape<S extends FieldSpecs> = {
  -readonly [K in keyof S & string as CanonicalKey<K, S[K]>]: CanonicalFieldSchema<S[K]>;
};
export type SourceShape<S extends FieldSpecs> = {
  -readonly [K in keyof S & string as SourceKey<K, S[K]>]: SourceFieldSchema<S[K]>;
};

// ── Building the shapes ──────────────────────────────────────────────────────────────────────

function isZodSchema(spec: FieldSpec): spec is z.ZodType {
  return spec instanceof z.ZodType;
}

function refSchema(target: z.ZodType, field: RefField): z.ZodType {
  const one = field.many ? z.array(target) : target;
  return field.optional ? one.nullish() : one;
}

export function canonicalShape<S extends FieldSpecs>(specs: S): CanonicalShape<S> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (isZodSchema(spec)) shape[name] = spec;
    else if (spec.kind === 'ref') shape[`${name}${spec.many ? 'Ids' : 'Id'}`] = refSchema(IdSchema, spec);
    else if (spec.kind === 'perForm') shape[name] = spec.canonical;
    else shape[name] = spec.schema;
  }
  return shape as CanonicalShape<S>;
}

export function sourceShape<S extends FieldSpecs>(specs: S): SourceShape<S> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (isZodSchema(spec)) shape[name] = spec;
    else if (spec.kind === 'ref') shape[`${name}${spec.many ? 'Refs' : 'Ref'}`] = refSchema(SourceRefSchema, spec);
    else if (spec.kind === 'perForm') shape[name] = spec.source;
    else if (spec.kind === 'knownLater') shape[name] = spec.schema.nullable();
    // derived fields are core's to compute: a connector cannot send them
  }
  return shape as SourceShape<S>;
}

/** Both forms of a nested value object that holds references (e.g. a guardian's consent). */
export function defineParts<S extends FieldSpecs>(specs: S) {
  return {
    canonical: z.strictObject(canonicalShape(specs)),
    source: z.strictObject(sourceShape(specs)),
  };
}

// ── Entities ─────────────────────────────────────────────────────────────────────────────────

const canonicalBase = {
  id: IdSchema,
  tenantId: IdSchema,
  meta: MetaSchema,
  status: RecordStatusSchema,
};

const sourceBase = {
  source: SourceRefSchema,
  status: RecordStatusSchema,
};

/**
 * Both forms of one entity. The source form is tagged with `entityType` so a stream of source
 * records can be parsed as one discriminated union. Both are strict objects: a key the model
 * does not know (an `id` in a source record, a `studentRef` in a canonical one) is a bug in the
 * producer, and we want it to fail loudly at the boundary rather than be silently dropped.
 */
export function defineEntity<E extends string, S extends FieldSpecs>(entityType: E, specs: S) {
  return {
    canonical: z.strictObject({ ...canonicalBase, ...canonicalShape(specs) }),
    source: z.strictObject({ entityType: z.literal(entityType), ...sourceBase, ...sourceShape(specs) }),
  };
}
