import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../support/temp-dir.js';
import { parse, stringify } from 'yaml';
import { loadScenarioFile, parseScenarioText } from '../../src/planner/load.js';
import { parseCsv } from '../../src/scenario/csv-text.js';
import { fromPayload, toPayload } from '../../src/parallel/queue/task-payload.js';
import { runTask } from '../../src/parallel/run-task.js';

const base = (table: string) => `
name: offices
duration: 2s
warmup: 0s
services:
  portal: { region: westeurope, kind: paas }
personas:
  worker: { web: 1 }
apps:
  web: { kind: web, service: portal, requests_per_minute: 1, response: 20KB }
${table}
`;

/** A scenario file and its table in a fresh folder. */
function files(yaml: string, csv: string, csvName = 'offices.csv'): string {
  const dir = testTempDir('ersim-sites-');
  writeFileSync(join(dir, csvName), csv);
  writeFileSync(join(dir, 'scenario.yaml'), yaml);
  return join(dir, 'scenario.yaml');
}

const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('CSV text', () => {
  it('reads quoted cells with commas, quotes and line breaks, CRLF and a byte-order mark, with each row\'s first line', () => {
    const rows = parseCsv('\ufeffname,note\r\na,"x, ""y"""\r\n\r\nb,"two\nlines"\nc,\n');
    expect(rows).toEqual([
      { cells: ['name', 'note'], line: 1 },
      { cells: ['a', 'x, "y"'], line: 2 },
      { cells: ['b', 'two\nlines'], line: 4 },
      { cells: ['c', ''], line: 6 },
    ]);
  });
  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a,b\n1,"2\n')).toThrow(/not closed/);
    expect(errorOf(() => parseCsv('a,b\n1,"2"x\n'))).toMatch(/after a closing quote/);
  });
});

describe('sites from a CSV table (site_table)', () => {
  it('the enterprise scenario from its table is the same scenario as with its sites written in the YAML', () => {
    const fromTable = loadScenarioFile('scenarios/enterprise.yaml');
    const rows = parseCsv(readFileSync('scenarios/enterprise-offices.csv', 'utf8'));
    const data = parse(readFileSync('scenarios/enterprise.yaml', 'utf8')) as Record<string, unknown>;
    delete data.site_table;
    data.sites = Object.fromEntries(
      rows.slice(1).map(({ cells: [name, location, worker, video, internet] }) => [
        name,
        { location, personas: { 'office-worker': Number(worker), 'heavy-video': Number(video) }, internet: { bandwidth: internet } },
      ]),
    );
    const inline = parseScenarioText(stringify(data), 'scenarios/enterprise.yaml');
    expect(fromTable.scenario.planner.sites.length).toBe(12);
    expect(fromTable.variants.map((v) => ({ ...v, planner: { ...v.planner } }))).toEqual(inline.variants.map((v) => ({ ...v, planner: { ...v.planner } })));
    expect(Object.keys(fromTable.attachments)).toEqual(['enterprise-offices.csv']);
  });

  it('coordinates, asymmetric access, users and defaults every row takes; YAML sites beside the table', () => {
    const file = files(
      base(`site_table: { file: offices.csv, defaults: { internet: { delay: 7ms }, utc_offset: 1 } }
sites:
  hq: { location: london, users: 10, internet: { bandwidth: 1Gbps } }`),
      'name,latitude,longitude,users,internet_down,internet_up,worker\nlab,"52.37","4.89",5,100Mbps,20Mbps,\nshop,48.85,2.35,,50Mbps,10Mbps,3\n',
    );
    const sites = loadScenarioFile(file).scenario.planner.sites;
    const lab = sites.find((s) => s.name === 'lab')!;
    expect(lab.location).toEqual([52.37, 4.89]);
    expect(lab.users).toBe(5);
    expect(lab.utcOffset).toBe(1);
    const shop = sites.find((s) => s.name === 'shop')!;
    expect(shop.users).toBe(3); // from the persona column
    expect(sites.map((s) => s.name).sort()).toEqual(['hq', 'lab', 'shop']);
  });

  it('a bad cell names the table, its line and its column; a problem found later names the row\'s line', () => {
    const yaml = base('site_table: offices.csv');
    const bad = files(yaml, 'name,location,users,internet\nparis,paris,12,1Gbps\nrome,rome,many,1Gbps\n');
    const message = errorOf(() => loadScenarioFile(bad));
    expect(message).toMatch(/offices\.csv:3: users: expected a number; got "many"/);
    expect(message.split('\n')).toHaveLength(1); // once
    const persona = files(yaml.replace('site_table: offices.csv', 'site_table: offices.csv\n'), 'name,location,worker,internet\nparis,paris,lots,1Gbps\n');
    expect(errorOf(() => loadScenarioFile(persona)).split('\n')).toEqual([expect.stringMatching(/offices\.csv:2: worker: expected a number; got "lots"$/)]);
    const unit = files(yaml, 'name,location,users,internet\nparis,paris,12,1Gbps\nrome,rome,3,fast\n');
    expect(errorOf(() => loadScenarioFile(unit))).toMatch(/offices\.csv:3: sites\.rome\.internet\.bandwidth: expected a bandwidth/);
    const place = files(yaml, 'name,location,users,internet\nparis,paris,12,1Gbps\nrome,rmoe,3,1Gbps\n');
    expect(errorOf(() => loadScenarioFile(place))).toMatch(/offices\.csv:3: sites\.rome\.location: .*rmoe/);
  });

  it('refuses unknown and repeated columns, rows of the wrong length, repeated sites, and a site also in sites:', () => {
    const yaml = base('site_table: offices.csv\nsites:\n  paris: { location: paris, users: 1, internet: { bandwidth: 1Gbps } }');
    expect(errorOf(() => loadScenarioFile(files(yaml, 'name,town\na,b\n')))).toMatch(/offices\.csv:1: town: unknown column/);
    expect(errorOf(() => loadScenarioFile(files(yaml, 'name,users,users\na,1,2\n')))).toMatch(/users: the column appears twice/);
    expect(errorOf(() => loadScenarioFile(files(yaml, 'name,users\na,1,2\n')))).toMatch(/offices\.csv:2: .*3 cells; the header has 2/);
    expect(errorOf(() => loadScenarioFile(files(yaml, 'name,users\na,1\nb,2\na,3\n')))).toMatch(/offices\.csv:4: name: 'a' is also on line 2/);
    expect(errorOf(() => loadScenarioFile(files(yaml, 'name,users\nparis,1\n')))).toMatch(/offices\.csv:2: name: 'paris' is also a site of sites:/);
    // a spreadsheet saved with its locale's separator, or as tab-separated text: said as such, once
    expect(errorOf(() => loadScenarioFile(files(yaml, 'name;users\na;1\n')))).toMatch(/^[^\n]*offices\.csv:1: \(top level\): the columns are separated by semicolons; a site table separates them by commas/);
    expect(errorOf(() => loadScenarioFile(files(yaml, 'name\tusers\na\t1\n')))).toMatch(/offices\.csv:1: \(top level\): the columns are separated by tabs/);
  });

  it('a missing table or a path leaving the folder names the YAML field and its line', () => {
    const yaml = base('site_table: nowhere.csv');
    expect(errorOf(() => loadScenarioFile(files(yaml, '')))).toMatch(/scenario\.yaml:11: site_table: cannot read .*nowhere\.csv/);
    expect(errorOf(() => loadScenarioFile(files(base('site_table: ../etc/passwd'), '')))).toMatch(/scenario\.yaml:11: site_table: .*no \.\./);
    expect(errorOf(() => loadScenarioFile(files(base('site_table: { file: offices.csv, extra: 1 }'), 'name\n')))).toMatch(/site_table\.extra: unknown field/);
  });

  it('a task carries the table with the text: it runs from its payload alone, and without the table it is refused', () => {
    const file = files(base('site_table: offices.csv'), 'name,location,users,internet\nparis,paris,20,1Gbps\n');
    const loaded = loadScenarioFile(file);
    const task = { file, text: loaded.text, attachments: loaded.attachments, overrides: {}, variant: 'base', replication: 0, seed: 1, label: '' };
    const arrived = fromPayload(JSON.parse(JSON.stringify(toPayload(task))));
    expect(arrived.attachments).toEqual({ 'offices.csv': 'name,location,users,internet\nparis,paris,20,1Gbps\n' });
    const result = runTask(arrived);
    expect(result.apps.some((a) => a.site === 'paris')).toBe(true);
    expect(() => runTask({ ...arrived, attachments: undefined })).toThrow(/'offices\.csv' was not sent with the scenario/);
    expect(() => fromPayload({ ...toPayload(task), attachments: { '../x.csv': '' } })).toThrow(/included file/);
  });
});
