import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { main as mainFunction } from '../cli/main.js';
import type workFunction from '../parallel/worker.js';

export interface LoadedCli {
  main: typeof mainFunction;
  /** A worker thread's work (parallel/worker.ts): boot/worker-entry.cts runs it from here. */
  runWorkerTask: typeof workFunction;
  /** Keep the code V8 compiled for this command for the next start, when there was no usable cache. */
  saveCodeCache(): void;
}

/** The command line's one-file bundle (`npm run build`, scripts/bundle-cli.mjs); its code cache sits beside it. */
export const BUNDLE_FILE = join(__dirname, '../cli/ersim.cjs');

/**
 * The command line, loaded from its bundle with V8's code cache when the build made one (a third
 * of a short run's start-up is Node's loading of 250 ES modules and the compiling of their functions:
 * docs/performance.md), else from its modules.
 */
export async function loadCli(bundle = BUNDLE_FILE): Promise<LoadedCli> {
  if (!usable(bundle)) {
    const { main } = await import('../cli/main.js');
    const runWorkerTask: typeof workFunction = async (task) => (await import('../parallel/worker.js')).default(task);
    return { main, runWorkerTask, saveCodeCache: () => undefined };
  }
  const { key, cacheFile } = codeCacheOf(bundle);
  const cached = readCache(cacheFile, key);
  const source = readFileSync(bundle, 'utf8');
  // the bundle's import()s, of the modules it leaves out (the report, the queue), come here (scripts/bundle-cli.mjs):
  // a script compiled with a code cache has no import() of its own in Node 20
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __ersimImport) {${source}\n})`, {
    filename: bundle,
    cachedData: cached,
  });
  const importBeside = (specifier: string): Promise<unknown> => import(new URL(specifier, pathToFileURL(bundle)).href);
  const module = { exports: {} as { main: typeof mainFunction; runWorkerTask: typeof workFunction } };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle), importBeside);
  return {
    main: module.exports.main,
    runWorkerTask: module.exports.runWorkerTask,
    saveCodeCache: () => {
      if (cached !== undefined && !script.cachedDataRejected) return;
      writeCache(cacheFile, key, script.createCachedData());
    },
  };
}

/**
 * A bundle there is, made since the modules beside it were last compiled: after a build by tsc
 * alone they are newer, and the command line must not run older code than its worker threads do.
 */
function usable(bundle: string): boolean {
  if (!existsSync(bundle)) return false;
  const modules = join(dirname(bundle), 'main.js');
  return !existsSync(modules) || statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
}

/**
 * Where the bundle's code cache is, and the key it must start with. V8 refuses a cache made under
 * other flags (a Node option like --max-old-space-size): each set of options has its own file, or
 * two ways of starting ersim would each throw the other's cache away. V8 checks a cache against the
 * source's length only: the key names the bundle's build too.
 */
export function codeCacheOf(bundle: string): { key: string; cacheFile: string } {
  const options = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  const stat = statSync(bundle);
  return { key: `${process.version} ${stat.size} ${stat.mtimeMs} ${options}\n`, cacheFile: `${bundle}.${fnv1a(options)}.cache` };
}

/** A 32-bit FNV-1a hash, in hexadecimal: a short file name for a set of options. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function readCache(cacheFile: string, key: string): Buffer | undefined {
  try {
    const file = readFileSync(cacheFile);
    const keyLength = Buffer.byteLength(key);
    if (file.length <= keyLength || file.toString('utf8', 0, keyLength) !== key) return undefined;
    return file.subarray(keyLength);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (several processes may start at once); a folder it cannot write is no error. */
function writeCache(cacheFile: string, key: string, data: Buffer): void {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(key), data]));
    renameSync(tmp, cacheFile);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}
