import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fastYamlData } from '../../src/scenario/yaml-data.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** What the yaml library (the reference, YAML 1.2 core schema) reads, as the scenario loader asks it. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  return doc.toJS({ maxAliasCount: 100 });
}

/** Every YAML file of the repository a user might start from: scenarios and the examples in docs. */
function yamlFiles(): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.ya?ml$/.test(entry.name)) files.push(path);
    }
  };
  for (const dir of ['scenarios', 'docs', 'examples']) {
    try {
      visit(dir);
    } catch {
      // a folder the repository does not have
    }
  }
  return files;
}

describe('a scenario read fast (js-yaml) is the data the yaml library reads', () => {
  it.each(yamlFiles())('%s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const data = fastYamlData(text);
    expect(data, 'js-yaml gave up on a plain scenario').not.toBeUndefined();
    expect(data).toEqual(reference(text));
  });

  // YAML 1.2 core scalars (yaml.org/spec/1.2.2, 10.3.2), where js-yaml's own schema reads otherwise
  const scalars: Array<[string, unknown]> = [
    ['1000', 1000],
    ['-12', -12],
    ['+7', 7],
    ['0o17', 15],
    ['0x1F', 31],
    ['017', 17],
    ['1_000', '1_000'],
    ['0b101', '0b101'],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['-1.', -1],
    ['1e3', 1000],
    ['2.5E-3', 0.0025],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['.NaN', NaN],
    ['true', true],
    ['False', false],
    ['yes', 'yes'],
    ['on', 'on'],
    ['~', null],
    ['Null', null],
    ['', null],
    ['2026-12-01', '2026-12-01'],
    ['12:30', '12:30'],
    ['"1000"', '1000'],
    ["'true'", 'true'],
    ['!!str 12', '12'],
    ['!!float 1.0', 1],
    ['!!int 12', 12],
    ['10ms', '10ms'],
    ['1Gbps', '1Gbps'],
    ['<<', '<<'],
  ];
  it.each(scalars)('reads the plain scalar %j as the yaml library does', (scalar, expected) => {
    const text = `value: ${scalar}\n`;
    expect(fastYamlData(text)).toEqual({ value: expected });
    expect(reference(text)).toEqual({ value: expected });
  });

  it('reads block scalars, flow collections, quoting and escapes alike', () => {
    const text = [
      'name: "caf\\u00e9 \\t tab"',
      "quoted: 'it''s'",
      'folded: >',
      '  one',
      '  two',
      'literal: |',
      '  line 1',
      '  line 2',
      'flow: { a: 1, b: [x, "y", 3], c: {} }',
      'list:',
      '  - { from: A, to: B, delay: 10ms }',
      '  -',
      '  - [1, 2]',
      '<<: { merged: no }',
      '1: one',
      '# a comment',
    ].join('\n');
    const data = fastYamlData(text);
    expect(data).toEqual(reference(text));
    expect(data).toMatchObject({ name: 'café \t tab', folded: 'one two\n', '<<': { merged: 'no' }, 1: 'one' });
  });

  it('gives up on what only the yaml library reports well: syntax errors, duplicated keys, unknown tags, several documents', () => {
    for (const text of ['a: [1, 2', 'a: 1\na: 2\n', 'a: !include other.yaml\n', 'a: 1\n---\nb: 2\n', 'a:\n\t- 1\n', 'a: !!timestamp 2026-01-01\n', 'a: !!float 1\n']) {
      expect(fastYamlData(text), text).toBeUndefined();
    }
  });

  it('gives up on an alias of a collection (the yaml library expands aliases under a budget), not on an & in a text', () => {
    expect(fastYamlData('a: &x [1, 2]\nb: *x\n')).toBeUndefined();
    const laughs = ['a: &a [x, x]', 'b: &b [*a, *a, *a]', 'c: &c [*b, *b, *b]', 'd: [*c, *c, *c]'].join('\n');
    expect(fastYamlData(laughs)).toBeUndefined();
    expect(fastYamlData('office: "R&D"\nsite: R&D west\n')).toEqual({ office: 'R&D', site: 'R&D west' });
    // an alias of a scalar copies a value: no budget is at stake
    expect(fastYamlData('a: &x 5\nb: *x\n')).toEqual(reference('a: &x 5\nb: *x\n'));
  });
});
