import { statSync } from 'node:fs';
/** A problem with how ersim was called (a bad option value): reported without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The output folder must be a folder (or not exist yet): checked before a run, not after it. */
export function checkOutputFolder(out: string): void {
  let stat;
  try {
    stat = statSync(out);
  } catch {
    return; // made when the results are written
  }
  if (!stat.isDirectory()) throw new UsageError(`--out ${out}: there is a file of that name, not a folder`);
}

