import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * A scenario file's data, read fast: js-yaml builds it in a tenth of the time the yaml library takes
 * (15 ms of every start for a 2.5 kB scenario, docs/performance.md). The yaml library stays the
 * reference: it reads every file this gives up on, and it places every error on its line. So this
 * returns undefined for anything but a plain, valid document (a syntax error, a duplicated key, a tag
 * of its own, several documents, an alias of a list or mapping) and the caller reads the file with the yaml
 * library instead; test/scenario/yaml-data.test.ts holds both to the same data.
 */
export function fastYamlData(text: string): unknown {
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  // the yaml library expands aliases under a budget (a billion laughs); js-yaml shares their objects
  return text.includes('&') && sharesObjects(data) ? undefined : data;
}

// YAML 1.2's core schema (yaml.org/spec/1.2.2, 10.3.2: the yaml library's default), not js-yaml's
// own, which also reads 1_000 as a number and has no 0o octals
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (s: string) => /^(?:~|null|Null|NULL)?$/.test(s),
      construct: () => null,
    }),
    new Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (s: string) => /^(?:true|True|TRUE|false|False|FALSE)$/.test(s),
      construct: (s: string) => s[0] === 't' || s[0] === 'T',
    }),
    new Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (s: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(s),
      construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    }),
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      // as the yaml library has it: a float has a point or an exponent (so !!float 1 is refused, and read by the yaml library)
      resolve: (s: string) => /^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(s),
      construct: (s: string) => {
        const special = /^([-+]?)\.(?:inf|Inf|INF)$/.exec(s);
        if (special !== null) return special[1] === '-' ? -Infinity : Infinity;
        return /^\.(?:nan|NaN|NAN)$/.test(s) ? NaN : parseFloat(s);
      },
    }),
  ],
});

/** Whether an object or array appears twice in the tree (an alias of a collection). */
function sharesObjects(root: unknown): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (seen.has(node)) return true;
    seen.add(node);
    for (const value of Object.values(node)) pending.push(value);
  }
  return false;
}
