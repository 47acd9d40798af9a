import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { IssueList, ScenarioError, type FieldPath, type ScenarioIssue } from './errors.js';
import { normalize } from './normalize.js';
import type { Scenario } from './scenario.js';
import { scenarioSchema } from './schema.js';

/** A scenario read from a file, able to point at the line of any field for later error messages. */
export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  text: string;
  fail(issues: readonly ScenarioIssue[]): ScenarioError;
}

/** Top-level fields given on the command line, which replace the file's values before checking. */
export type ScenarioOverrides = Readonly<Record<string, unknown>>;

export function loadScenarioFile(file: string, overrides: ScenarioOverrides = {}): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [{ path: [], message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return parseScenarioText(text, file, overrides);
}

export function parseScenarioText(text: string, file: string, overrides: ScenarioOverrides = {}): LoadedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      file,
      doc.errors.map((e) => ({ path: [], message: `YAML syntax: ${e.message.split('\n')[0]}`, line: lineAt(e.pos[0]) })),
    );
  }
  const locate = (issues: readonly ScenarioIssue[]): ScenarioIssue[] =>
    issues.map((issue) => ({ ...issue, line: issue.line ?? lineOf(doc, issue.path, lineAt) }));
  const fail = (issues: readonly ScenarioIssue[]): ScenarioError => new ScenarioError(file, locate(issues));

  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw fail([{ path: [], message: 'a scenario is a YAML mapping (name, duration, nodes, links, flows ...)' }]);
  }
  const result = scenarioSchema.safeParse({ ...data, ...overrides });
  if (!result.success) throw fail(result.error.issues.map(fromZodIssue));
  const issues = new IssueList();
  const scenario = normalize(result.data, issues);
  if (!issues.empty) throw fail(issues.issues);
  return { scenario, file, text, fail };
}

function fromZodIssue(issue: z.core.$ZodIssue): ScenarioIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return { path: [...path, issue.keys[0]!], message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}` };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return { path, message: 'this field is required' };
  return { path, message: issue.message };
}

/** Line of the deepest node of `path` present in the document (the parent for a missing field). */
function lineOf(doc: Document, path: FieldPath, lineAt: (offset: number) => number): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
    // A key whose value is missing or null still has a key node in its parent mapping.
  }
  return undefined;
}
