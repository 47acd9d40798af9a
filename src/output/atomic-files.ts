import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
