import { parse, stringify } from 'yaml';
import type { LoadedScenario } from '../planner/load.js';
import type { Scenario } from '../planner/scenario.js';
import type { Attachments } from '../scenario/load.js';
import { UsageError } from './errors.js';

/** The design a command works on (a variant of the scenario), and the file's fields to derive variants of it from. */
export interface Design {
  scenario: Scenario;
  /** The file's fields (as parsed), and the variant's own fields over them. */
  data: Record<string, unknown>;
  fields: Record<string, unknown>;
  /** The files the scenario includes, for scenarios derived from it. */
  attachments: Attachments;
}

/** The variant `name` (default: the first) of a loaded scenario, with the fields that make it. */
export function chooseDesign(file: string, loaded: LoadedScenario, name: string | undefined): Design {
  const scenario = name === undefined ? loaded.variants[0]! : loaded.variants.find((v) => v.variant === name);
  if (scenario === undefined) throw new UsageError(`--variant ${name}: ${file} has no such variant (it has ${loaded.variants.map((v) => v.variant).join(', ')})`);
  const data = parse(loaded.text) as Record<string, unknown>;
  const variants = (data.variants ?? {}) as Record<string, Record<string, unknown>>;
  return { scenario, data, fields: Object.hasOwn(variants, scenario.variant) ? variants[scenario.variant]! : {}, attachments: loaded.attachments };
}

/** The scenario text with these variants instead of the file's (each a mapping of fields over the base). */
export const withVariants = (design: Design, variants: Record<string, Record<string, unknown>>): string => stringify({ ...design.data, variants });
