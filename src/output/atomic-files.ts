import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Write several files into `dir` so that either all appear complete or none changes: each is
 * written under a temporary name first, and renamed only once every write has succeeded.
 */
export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>): string[] {
  mkdirSync(dir, { recursive: true });
  const temporary: string[] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      temporary.push(tmp);
      writeFileSync(tmp, content);
    }
  } catch (error) {
    for (const tmp of temporary) rmSync(tmp, { force: true });
    throw error;
  }
  return Object.keys(files).map((name, i) => {
    const target = join(dir, name);
    renameSync(temporary[i]!, target);
    return target;
  });
}

/** What ersim writes into a results folder: a folder holding anything else is not replaced. */
const RESULT_FILE = /^([a-z_]+\.csv|report\.html|scenario\.yaml)$/;

/**
 * A results folder's list of the files ersim wrote into it, one name per line: the files a scenario
 * includes (a site table) are copied beside scenario.yaml under their own names, and are then
 * ersim's as much as the results are. Without it a second run into the same folder was refused.
 */
export const RESULTS_MANIFEST = '.ersim-results';
/** A manifest larger than this is no list ersim wrote; a folder with more entries than this is no results folder. */
const MAX_MANIFEST_BYTES = 1 << 20;
const MAX_LISTED_ENTRIES = 10_000;

/** Why `dir` cannot be replaced by a new results folder, or undefined when it can (or does not exist). */
export function replaceProblem(dir: string): string | undefined {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return 'there is a file of that name, not a folder';
  const written = manifestOf(dir);
  const foreign = entriesUnder(dir).filter((name) => !RESULT_FILE.test(name) && name !== RESULTS_MANIFEST && !written.has(name));
  if (foreign.length > 0) return `the folder holds files ersim did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}): choose another --out`;
  return undefined;
}

/** The files a results folder's manifest lists (none when it has none, or one ersim cannot have written). */
function manifestOf(dir: string): Set<string> {
  try {
    const path = join(dir, RESULTS_MANIFEST);
    if (!statSync(path).isFile() || statSync(path).size > MAX_MANIFEST_BYTES) return new Set();
    return new Set(readFileSync(path, 'utf8').split('\n').filter((name) => name !== ''));
  } catch {
    return new Set();
  }
}

/**
 * The files under `dir` by their names relative to it ('/' between folders), and any folder that
 * cannot be read or anything past the first MAX_LISTED_ENTRIES, which then count as foreign.
 */
function entriesUnder(dir: string): string[] {
  const names: string[] = [];
  const visit = (relative: string): void => {
    let entries;
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch {
      names.push(relative === '' ? '.' : relative);
      return;
    }
    for (const entry of entries) {
      if (names.length >= MAX_LISTED_ENTRIES) return;
      const name = `${relative}${entry.name}`;
      if (entry.isDirectory()) visit(`${name}/`);
      else names.push(name);
    }
  };
  visit('');
  // past the limit the rest is not looked at: it counts as foreign, whatever it is
  if (names.length >= MAX_LISTED_ENTRIES) names.push(`more than ${MAX_LISTED_ENTRIES} files`);
  return names;
}

/** A file's content: its text, or a function that writes it (streamed) to a path, stopping when `signal` aborts. */
export type FileContent = string | ((path: string, signal: AbortSignal) => Promise<void>);

/**
 * Make `dir` a results folder holding exactly `files`: they are written into a new sibling folder,
 * which then takes the old one's place (the old one is moved aside, then removed). A reader sees
 * the old folder or the new one, never a mix, and no file of an earlier run survives into the new.
 * Aborting `signal` while the files are written removes the new folder and rejects; the swap
 * itself is synchronous, so nothing can stop it half-way.
 */
export async function replaceFolder(dir: string, files: Readonly<Record<string, FileContent>>, signal: AbortSignal = new AbortController().signal): Promise<string[]> {
  const problem = replaceProblem(dir);
  if (problem !== undefined) throw new Error(`${dir}: ${problem}`);
  const parent = dirname(resolve(dir));
  const base = basename(resolve(dir));
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${base}.${process.pid}.new`);
  const old = join(parent, `.${base}.${process.pid}.old`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging);
    for (const [name, content] of Object.entries(files)) {
      signal.throwIfAborted();
      mkdirSync(dirname(join(staging, name)), { recursive: true });
      if (typeof content === 'string') writeFileSync(join(staging, name), content);
      else await content(join(staging, name), signal);
    }
    writeFileSync(join(staging, RESULTS_MANIFEST), `${Object.keys(files).join('\n')}\n`);
    signal.throwIfAborted();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  // tests stop here to send signals while the new folder is written but not yet in place
  const pause = Number(process.env.ERSIM_TEST_PAUSE_BEFORE_SWAP_MS ?? 0);
  if (pause > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
  const existed = existsSync(dir);
  if (existed) renameSync(dir, old);
  renameSync(staging, dir);
  if (existed) rmSync(old, { recursive: true, force: true });
  return Object.keys(files).map((name) => join(dir, name));
}
