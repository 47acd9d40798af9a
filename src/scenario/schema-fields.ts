import type { z } from 'zod';
import { nearestName } from './near-names.js';

/** The parts of zod 4's schema definitions that lead from a schema to the mapping at a path. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
  innerType?: z.ZodType;
  getter?: () => z.ZodType;
  left?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isMapping = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The schema under wrappers (optional, default, a transform's input ...) that say nothing of fields. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let depth = 0; depth < 50; depth++) {
    const def = defOf(schema);
    const next = def.type === 'pipe' ? def.in : def.type === 'lazy' ? def.getter?.() : def.innerType;
    if (next === undefined) return schema;
    schema = next;
  }
  return schema;
}

/**
 * The object schema that checks `value`: the schema itself, or among a union's options the one a
 * discriminated union picks by its discriminator, else the one whose fields cover most of `value`'s.
 */
function objectFor(schema: z.ZodType, value: unknown): Def | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return def;
  if (def.type === 'intersection' && def.left !== undefined) return objectFor(def.left, value);
  if (def.type !== 'union' || def.options === undefined) return undefined;
  const objects = def.options.map((o) => objectFor(o, value)).filter((o): o is Def => o?.shape !== undefined);
  if (!isMapping(value)) return objects[0];
  const key = def.discriminator;
  if (key !== undefined && Object.hasOwn(value, key)) {
    const picked = objects.find((o) => {
      const literal = o.shape![key] && (defOf(unwrap(o.shape![key]!)) as { values?: unknown[] }).values;
      return literal?.includes(value[key]) ?? false;
    });
    if (picked !== undefined) return picked;
  }
  const fits = (o: Def): number => Object.keys(value).filter((k) => Object.hasOwn(o.shape!, k)).length;
  let best: Def | undefined;
  for (const o of objects) if (best === undefined || fits(o) > fits(best)) best = o;
  return best;
}

/**
 * The field names the mapping at `path` of `data` may have, as `schema` checks it: what an
 * "unknown field" error can offer instead. Undefined where the path leads to no object schema.
 */
export function fieldsAt(schema: z.ZodType, data: unknown, path: readonly (string | number)[]): string[] | undefined {
  let current: z.ZodType = schema;
  let value = data;
  for (const step of path) {
    const def = defOf(unwrap(current));
    let next: z.ZodType | undefined;
    if (def.type === 'record') next = def.valueType;
    else if (def.type === 'array') next = def.element;
    else {
      const shape = objectFor(current, value)?.shape;
      next = shape !== undefined && Object.hasOwn(shape, step) ? shape[step] : undefined;
    }
    if (next === undefined) return undefined;
    current = next;
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, step) ? (value as Record<string | number, unknown>)[step] : undefined;
  }
  const shape = objectFor(current, value)?.shape;
  return shape === undefined ? undefined : Object.keys(shape);
}

/**
 * What to say after "unknown field 'x'": the known field it most likely misspells or abbreviates
 * ("did you mean 'delay'?"), else the fields there are when they are few enough to read.
 */
export function unknownFieldHint(unknown: string, known: readonly string[]): string {
  const near = nearestName(unknown, known);
  if (near !== undefined) return ` (did you mean '${near}'?)`;
  return known.length <= 16 ? ` (the fields here: ${known.join(', ')})` : '';
}
