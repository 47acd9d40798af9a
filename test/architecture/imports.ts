import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import of a module of src/: both ends as paths relative to src/ ("net/link.ts"). */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.c?ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative import (static, re-export or dynamic) between the modules under `srcDir`. */
export function importsUnder(srcDir: string): { files: string[]; edges: ImportEdge[] } {
  const root = resolve(srcDir);
  const files = sourceFiles(root).map((f) => relative(root, f));
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const add = (spec: string, typeOnly: boolean): void => {
      const target = relative(root, resolve(root, dirname(file), spec)).replace(/\.c?js$/, (ext) => (ext === '.cjs' ? '.cts' : '.ts'));
      if (!known.has(target)) throw new Error(`${file}: import '${spec}' names no module of src/`);
      edges.push({ from: file, to: target, typeOnly });
    };
    for (const m of text.matchAll(IMPORT)) add(m[3]!, m[2] !== undefined);
    for (const m of text.matchAll(DYNAMIC)) add(m[1]!, false);
  }
  return { files, edges };
}

/** The first folder under src/ ("net" for "net/routing/fib.ts"). */
export const layerOf = (file: string): string => file.split('/')[0]!;

/** Every import circle between modules (each reported once, as the list of its modules). */
export function importCycles(files: readonly string[], edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)!.push(e.to);
  // Tarjan's strongly connected components: a component of two or more modules is a circle
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) cycles.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}
