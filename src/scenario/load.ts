import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A scenario file is text of a few megabytes at most (the largest planner scenarios are far smaller). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
import { createRequire } from 'node:module';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { IssueList, ScenarioError, type FieldPath, type ScenarioIssue } from './errors.js';
import { normalizeNetwork } from './normalize.js';
import type { NetworkScenario } from './scenario.js';
import { networkScenarioSchema } from './schema.js';
import { nearestName } from './near-names.js';
import { fieldsAt, unknownFieldHint } from './schema-fields.js';
import { fastYamlData } from './yaml-data.js';

/**
 * What a kind of scenario file is: its schema (zod, unknown keys refused) and how a parsed file
 * becomes a scenario with every default filled (adding issues for what the schema cannot check).
 * The generic network's is `NETWORK_FORMAT`; the planner's (src/planner/load.ts) extends it.
 */
export interface ScenarioFormat<S extends NetworkScenario, P = any> {
  schema: z.ZodType<P>;
  normalize(parsed: P, issues: IssueList): S;
  /** Fields the file takes from other files (a table of sites): the data with them in, and where each came from. */
  include?(data: Record<string, unknown>, files: IncludedFiles, fail: (issues: readonly ScenarioIssue[]) => ScenarioError): Included;
}

/** The files a scenario includes, by the name it gives them (relative to its own folder). */
export type Attachments = Readonly<Record<string, string>>;

/** How a format reads the files a scenario names: from disk beside the scenario, or from a task's attachments. */
export interface IncludedFiles {
  /** The text of `name`; throws an Error saying why when the file is missing or unreadable. */
  read(name: string): string;
  /** How errors name the file: its path as the user would open it. */
  displayName(name: string): string;
}

export interface Included {
  data: Record<string, unknown>;
  /** The file and line a field came from, when an included file set it. */
  originOf(path: FieldPath): { file: string; line: number } | undefined;
}

/** An included file's name: a relative path inside the scenario's folder (no .., no absolute path, no options). */
const INCLUDED_NAME = /^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}$/;
export const includedNameProblem = (name: string): string | undefined =>
  INCLUDED_NAME.test(name) ? undefined : 'a file beside the scenario or in a folder under it: letters, digits, _ . / - (no .., no absolute path)';

export const NETWORK_FORMAT: ScenarioFormat<NetworkScenario> = { schema: networkScenarioSchema, normalize: normalizeNetwork };

/**
 * A scenario read from a file, able to point at the line of any field for later error messages.
 * `variants` holds one scenario per variant of the file (just the base one when it has none).
 */
export interface LoadedScenario<S extends NetworkScenario = NetworkScenario> {
  scenario: S;
  variants: S[];
  file: string;
  text: string;
  /** The files the scenario includes, by name: a task carries them with the text. */
  attachments: Attachments;
  /** The error for these issues, with lines; `variant` names the variant they were found in. */
  fail(issues: readonly ScenarioIssue[], variant?: string): ScenarioError;
}

/**
 * Fields set from outside the file (command-line options, sweep points), by dotted path
 * ("duration", "circuits.hq.bandwidth"); they win over the file and over every variant.
 */
export type ScenarioOverrides = Readonly<Record<string, unknown>>;

/** What a step of an override path may be: a field name (as scenario names are written) or a list index. */
const PATH_STEP = /^[A-Za-z0-9_:-]+$/;
/** Names every object inherits: a path through them would reach (and change) Object.prototype. */
const INHERITED = new Set(['__proto__', 'constructor', 'prototype']);

/** Why an override path cannot name a scenario field, or undefined when it can. */
export function overridePathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > 500) return 'a field path is 1 to 500 characters';
  for (const step of path.split('.')) {
    if (!PATH_STEP.test(step)) return `'${step}' is not a field name (letters, digits, _ : -)`;
    if (INHERITED.has(step)) return `'${step}' is not a field of a scenario`;
  }
  return undefined;
}

function applyOverrides(data: Record<string, unknown>, overrides: ScenarioOverrides, skipVariants: boolean): Record<string, unknown> {
  const result = structuredClone(data);
  for (const [path, value] of Object.entries(overrides)) {
    const problem = overridePathProblem(path);
    if (problem !== undefined) throw new ScenarioError('(options)', [{ path: [], message: `${path}: ${problem}` }]);
    const keys = path.split('.');
    if (skipVariants && keys[0] === 'variants') continue;
    // mappings by key, lists by index (links.0.bandwidth); a missing step becomes a mapping
    let node: Record<string, unknown> = result;
    for (const key of keys.slice(0, -1)) {
      const child = Object.hasOwn(node, key) ? node[key] : undefined;
      if (!isMapping(child) && !Array.isArray(child)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = value;
  }
  return result;
}

export function loadScenarioFile<S extends NetworkScenario>(file: string, overrides: ScenarioOverrides, format: ScenarioFormat<S>): LoadedScenario<S> {
  let text: string;
  try {
    // only a regular file: a named pipe would block forever, a device (/dev/zero) never end
    const stat = statSync(file);
    if (!stat.isFile()) throw new ScenarioError(file, [{ path: [], message: 'not a regular file (a scenario is a YAML text file)' }]);
    if (stat.size > MAX_FILE_BYTES) throw new ScenarioError(file, [{ path: [], message: `the file is ${stat.size} bytes; a scenario is at most ${MAX_FILE_BYTES} bytes` }]);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError(file, [{ path: [], message: `cannot read the file: ${(error as Error).message}` }]);
  }
  // the files it includes are read from beside it, once each, and kept for its tasks
  const attachments: Record<string, string> = {};
  const read = (name: string): string => {
    const problem = includedNameProblem(name);
    if (problem !== undefined) throw new Error(`'${name}': ${problem}`);
    if (Object.hasOwn(attachments, name)) return attachments[name]!;
    const path = join(dirname(file), name);
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new Error('not a regular file');
      if (stat.size > MAX_FILE_BYTES) throw new Error(`the file is ${stat.size} bytes; an included file is at most ${MAX_FILE_BYTES} bytes`);
      attachments[name] = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${path}: ${(error as Error).message}`);
    }
    return attachments[name]!;
  };
  return parseWithFiles(text, file, overrides, format, read, attachments);
}

/** A scenario's text, with the files it includes given (a task's attachments): nothing is read from disk. */
export function parseScenarioText<S extends NetworkScenario>(text: string, file: string, overrides: ScenarioOverrides, format: ScenarioFormat<S>, attachments: Attachments = {}): LoadedScenario<S> {
  const read = (name: string): string => {
    if (!Object.hasOwn(attachments, name)) throw new Error(`'${name}' was not sent with the scenario`);
    return attachments[name]!;
  };
  return parseWithFiles(text, file, overrides, format, read, attachments);
}

function parseWithFiles<S extends NetworkScenario>(
  text: string,
  file: string,
  overrides: ScenarioOverrides,
  format: ScenarioFormat<S>,
  read: IncludedFiles['read'],
  attachments: Attachments,
): LoadedScenario<S> {
  const files: IncludedFiles = { read, displayName: (name) => join(dirname(file), name) };
  // the yaml library's document, with every node's place: built when an error needs a line, or when js-yaml gives up
  let reference: { doc: Document; lineAt: (offset: number) => number } | undefined;
  const referenceDocument = (): { doc: Document; lineAt: (offset: number) => number } => {
    if (reference !== undefined) return reference;
    // loaded here: a scenario that js-yaml reads and that has no error never needs it (2 ms of a start)
    const { LineCounter, parseDocument } = yamlLibrary();
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    reference = { doc, lineAt: (offset) => lineCounter.linePos(offset).line };
    return reference;
  };
  let originOf: Included['originOf'] = () => undefined;
  const locate = (issues: readonly ScenarioIssue[], variant?: string): ScenarioIssue[] => {
    const { doc, lineAt } = referenceDocument();
    return issues.map((issue) => {
      if (issue.line !== undefined) return issue;
      // A field a variant sets is found under variants.NAME first, then in the file, then in what the file includes.
      const inVariant = variant === undefined ? undefined : exactLineOf(doc, ['variants', variant, ...issue.path], lineAt);
      const inFile = inVariant ?? exactLineOf(doc, issue.path, lineAt);
      const origin = inFile === undefined ? originOf(issue.path) : undefined;
      if (origin !== undefined) return { ...issue, ...origin };
      return { ...issue, line: inFile ?? lineOf(doc, issue.path, lineAt, variant) };
    });
  };
  const fail = (issues: readonly ScenarioIssue[], variant?: string): ScenarioError =>
    new ScenarioError(file, locate(variant === undefined ? issues : issues.map((i) => ({ ...i, message: `${i.message} (in variant '${variant}')` })), variant));

  let data = fastYamlData(text);
  if (data === undefined) {
    const { doc, lineAt } = referenceDocument();
    if (doc.errors.length > 0) {
      throw new ScenarioError(
        file,
        doc.errors.map((e) => ({ path: [], message: `YAML syntax: ${e.message.split('\n')[0]}`, line: lineAt(e.pos[0]) })),
      );
    }
    try {
      // the yaml library refuses documents whose aliases would expand too far (a billion laughs)
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      throw fail([{ path: [], message: `YAML: ${message}${/alias count/i.test(message) ? ' (at most 100 aliases are expanded)' : ''}` }]);
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw fail([{ path: [], message: 'a scenario is a YAML mapping (name, duration, nodes, links, flows ...)' }]);
  }
  if (format.include !== undefined) {
    const included = format.include(data as Record<string, unknown>, files, fail);
    data = included.data;
    originOf = included.originOf;
  }
  const { variants, ...base } = applyOverrides(data as Record<string, unknown>, overrides, false);
  const build = (input: Record<string, unknown>, variant: string | undefined): S => {
    const data = applyOverrides(input, overrides, true);
    const result = format.schema.safeParse(data);
    if (!result.success) throw fail(result.error.issues.map((issue) => fromZodIssue(issue, data, format.schema)), variant);
    const issues = new IssueList();
    const scenario = format.normalize(result.data, issues);
    if (!issues.empty) throw fail(issues.issues, variant);
    return { ...scenario, variant: variant ?? 'base' };
  };
  const scenario = build(base, undefined);
  if (variants === undefined || variants === null) return { scenario, variants: [scenario], file, text, attachments, fail };
  if (typeof variants !== 'object' || Array.isArray(variants) || Object.keys(variants).length === 0) {
    throw fail([{ path: ['variants'], message: 'variants is a mapping of variant names to the fields they change' }]);
  }
  const list = Object.entries(variants as Record<string, unknown>).map(([name, override]) => {
    if (!/^[A-Za-z0-9_.:-]+$/.test(name)) throw fail([{ path: ['variants', name], message: 'names use letters, digits and _ . : - only' }]);
    if (override !== null && (typeof override !== 'object' || Array.isArray(override))) {
      throw fail([{ path: ['variants', name], message: 'a variant is a mapping of the fields it changes' }]);
    }
    return build(mergeOverride(base, (override ?? {}) as Record<string, unknown>), name);
  });
  return { scenario, variants: list, file, text, attachments, fail };
}

/** A variant's fields over the base: mappings merge key by key, anything else replaces; null removes. */
export function mergeOverride(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    if (value === null) delete merged[key];
    else if (isMapping(value) && isMapping(current)) merged[key] = mergeOverride(current, value);
    else merged[key] = value;
  }
  return merged;
}

const isMapping = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The value at `path` of the parsed YAML, and whether the file has that field at all. */
function valueAt(data: unknown, path: readonly (string | number)[]): { present: boolean; value: unknown } {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return { present: false, value: undefined };
    node = (node as Record<string | number, unknown>)[key];
  }
  return { present: true, value: node };
}

/** What the file has there, in words: "the number 1000", "the text \"abc\"", "true", "a list". */
function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (typeof value === 'number') return Number.isNaN(value) ? 'not a number (.nan)' : `the number ${value}`;
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

const EXPECTED: Record<string, string> = { number: 'a number', string: 'a text', boolean: 'true or false', array: 'a list', object: 'a mapping', int: 'a whole number' };

function fromZodIssue(issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): ScenarioIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = fieldsAt(schema, data, path);
    const hint = known !== undefined && issue.keys.length === 1 ? unknownFieldHint(issue.keys[0]!, known) : '';
    return { path: [...path, issue.keys[0]!], message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}${hint}` };
  }
  const { present, value } = valueAt(data, path);
  // a discriminated union's kind: name the kinds there are
  const kinds = issue.code === 'invalid_union' && Array.isArray((issue as { options?: unknown[] }).options) ? (issue as { options: unknown[] }).options.map(String) : undefined;
  if (kinds !== undefined && kinds.length > 0) {
    const choice = `one of ${kinds.join(', ')}`;
    const near = typeof value === 'string' ? nearestName(value, kinds) : undefined;
    return { path, message: present ? `expected ${choice}; got ${describeValue(value)}${near === undefined ? '' : ` (did you mean '${near}'?)`}` : `this field is required: ${choice}` };
  }
  if (!present && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) return { path, message: 'this field is required' };
  // a word from a list (zod's own message, not one of ersim's): the words, and the one meant
  const values = (issue as { values?: unknown[] }).values;
  if (issue.code === 'invalid_value' && present && issue.message.startsWith('Invalid option') && values !== undefined && values.every((v) => typeof v === 'string')) {
    const near = typeof value === 'string' ? nearestName(value, values as string[]) : undefined;
    return { path, message: `expected one of ${values.join(', ')}; got ${describeValue(value)}${near === undefined ? '' : ` (did you mean '${near}'?)`}` };
  }
  // say what was expected and what the file has, not zod's "Invalid input"
  const found = present ? `; got ${describeValue(value)}` : '';
  if (issue.code === 'invalid_type') {
    const expected = (issue as { expected?: string }).expected;
    const custom = issue.message.startsWith('Invalid input') ? undefined : issue.message;
    return { path, message: `${custom ?? `expected ${EXPECTED[expected ?? ''] ?? expected}`}${custom?.includes('got') ? '' : found}` };
  }
  if (issue.code === 'invalid_union') {
    const own = issue.message.startsWith('Invalid input') ? undefined : issue.message;
    const firstCustom = own ?? (issue.errors ?? []).flat().find((e) => !e.message.startsWith('Invalid input'))?.message;
    return { path, message: `${firstCustom ?? 'not a value this field takes'}${firstCustom?.includes('got') ? '' : found}` };
  }
  return { path, message: issue.message.includes('got') || !present ? issue.message : `${issue.message}${found}` };
}

/** The yaml library, from node_modules: Node keeps it once loaded. */
const yamlLibrary = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/** Line of `path` if the document has exactly that node. */
function exactLineOf(doc: Document, path: FieldPath, lineAt: (offset: number) => number): number | undefined {
  const node = doc.getIn(path, true);
  return yamlLibrary().isNode(node) && node.range ? lineAt(node.range[0]) : undefined;
}

/** Line of the deepest node of `path` present in the document (the parent for a missing field), and how many steps of `path` it is. */
function deepestOf(doc: Document, path: FieldPath, lineAt: (offset: number) => number): { line: number; depth: number } | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (yamlLibrary().isNode(node) && node.range) return { line: lineAt(node.range[0]), depth };
    // A key whose value is missing or null still has a key node in its parent mapping.
  }
  return undefined;
}

/**
 * Line of a field that is not in the file (a required field left out): its nearest parent present,
 * under variants.NAME when the variant sets more of the path than the file's base does.
 */
function lineOf(doc: Document, path: FieldPath, lineAt: (offset: number) => number, variant?: string): number | undefined {
  const base = deepestOf(doc, path, lineAt);
  if (variant === undefined) return base?.line;
  const inVariant = deepestOf(doc, ['variants', variant, ...path], lineAt);
  return inVariant !== undefined && inVariant.depth - 2 >= Math.max(1, base?.depth ?? 0) ? inVariant.line : base?.line;
}
