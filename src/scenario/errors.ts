export type FieldPath = readonly (string | number)[];

export interface ScenarioIssue {
  path: FieldPath;
  message: string;
  /** 1-based line in the scenario file, when known. */
  line?: number;
  /** The file the line is in, when not the scenario file (a table it includes). */
  file?: string;
  /** What kind of problem, where a command may act on it ('no-route': a flow's ends are not connected). */
  kind?: 'no-route';
}

/** `links[3].bandwidth` */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(top level)' : out;
}

/** A scenario that cannot be run, with every problem found, each naming its field and line. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(
      issues
        .map((i) => `${i.file ?? file}${i.line !== undefined ? `:${i.line}` : ''}: ${formatPath(i.path)}: ${i.message}`)
        .join('\n'),
    );
    this.name = 'ScenarioError';
  }
}

/** Collects problems found while checking a scenario. */
export class IssueList {
  readonly issues: ScenarioIssue[] = [];

  add(path: FieldPath, message: string, kind?: ScenarioIssue['kind']): void {
    this.issues.push(kind === undefined ? { path, message } : { path, message, kind });
  }

  get empty(): boolean {
    return this.issues.length === 0;
  }
}
