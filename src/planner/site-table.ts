import { CsvSyntaxError, parseCsv } from '../scenario/csv-text.js';
import { ScenarioError, type FieldPath, type ScenarioIssue } from '../scenario/errors.js';
import { mergeOverride, type Included, type IncludedFiles } from '../scenario/load.js';

/** Columns a site table may have besides one per persona. */
const COLUMNS = ['name', 'location', 'latitude', 'longitude', 'users', 'internet', 'internet_down', 'internet_up', 'utc_offset', 'continent'] as const;
type Column = (typeof COLUMNS)[number];
const NUMERIC: ReadonlySet<string> = new Set(['latitude', 'longitude', 'users', 'utc_offset']);
/** A scenario's sites from a table: a few thousand offices at most (each one builds nodes, links and flows). */
const MAX_ROWS = 10_000;

const isMapping = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * `site_table: offices.csv` (or `{ file: offices.csv, defaults: { <site fields> } }`): sites from a
 * CSV file with a header row (name, location or latitude and longitude, users or one column per
 * persona, internet or internet_down and internet_up, utc_offset, continent), added to `sites:`.
 * Each row is a site: its cells over the defaults. A problem in a cell names the table's file and line.
 */
export function includeSiteTable(data: Record<string, unknown>, files: IncludedFiles, yamlError: (issues: readonly ScenarioIssue[]) => ScenarioError): Included {
  const spec = data.site_table;
  if (spec === undefined) return { data, originOf: () => undefined };
  const field: FieldPath = ['site_table'];
  const { site_table: _table, ...rest } = data;
  const fail = (path: FieldPath, message: string): never => {
    throw yamlError([{ path, message }]);
  };
  let name: unknown = spec;
  let defaults: Record<string, unknown> = {};
  if (isMapping(spec)) {
    for (const key of Object.keys(spec)) if (key !== 'file' && key !== 'defaults') fail([...field, key], `unknown field '${key}' (a site table has file and defaults)`);
    name = spec.file;
    if (spec.defaults !== undefined && !isMapping(spec.defaults)) fail([...field, 'defaults'], 'defaults is a mapping of the site fields every row takes');
    defaults = (spec.defaults as Record<string, unknown> | undefined) ?? {};
  }
  if (typeof name !== 'string') return fail(isMapping(spec) ? [...field, 'file'] : field, 'expected the name of a CSV file (site_table: offices.csv)');
  const fileField = isMapping(spec) ? [...field, 'file'] : field;
  let text = '';
  try {
    text = files.read(name);
  } catch (error) {
    fail(fileField, (error as Error).message);
  }
  const display = files.displayName(name);
  const tableError = (issues: ScenarioIssue[]): ScenarioError => new ScenarioError(display, issues);

  let rows;
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw tableError([{ path: [], line: error.line, message: `CSV: ${error.message}` }]);
    throw error;
  }
  if (rows.length === 0) throw tableError([{ path: [], message: 'the table is empty (a header row, then one row per site)' }]);
  if (rows.length - 1 > MAX_ROWS) throw tableError([{ path: [], message: `${rows.length - 1} sites; a table has at most ${MAX_ROWS}` }]);

  const personas = isMapping(data.personas) ? data.personas : {};
  const header = rows[0]!;
  const headers = header.cells.map((h) => h.trim());
  // a spreadsheet saved with the separator of its locale (';' in much of Europe) or as tab-separated text
  const separator = headers.length === 1 ? [';', '\t'].find((c) => headers[0]!.includes(c)) : undefined;
  if (separator !== undefined) {
    throw tableError([{ path: [], line: header.line, message: `the columns are separated by ${separator === ';' ? 'semicolons' : 'tabs'}; a site table separates them by commas (save it as CSV with commas)` }]);
  }
  const issues: ScenarioIssue[] = [];
  headers.forEach((h, i) => {
    const known = (COLUMNS as readonly string[]).includes(h) || Object.hasOwn(personas, h);
    if (!known) issues.push({ path: [h], line: header.line, message: `unknown column (columns: ${COLUMNS.join(', ')}, or a persona of personas:)` });
    if (headers.indexOf(h) !== i) issues.push({ path: [h], line: header.line, message: 'the column appears twice' });
  });
  if (!headers.includes('name')) issues.push({ path: [], line: header.line, message: 'the header has no name column' });
  if (issues.length > 0) throw tableError(issues);

  const yamlSites = isMapping(rest.sites) ? rest.sites : {};
  const sites: Record<string, unknown> = {};
  const lines = new Map<string, number>();
  for (const row of rows.slice(1)) {
    if (row.cells.length !== headers.length) {
      issues.push({ path: [], line: row.line, message: `${row.cells.length} cells; the header has ${headers.length}` });
      continue;
    }
    const cell = (column: string): string | undefined => {
      const value = row.cells[headers.indexOf(column)]?.trim();
      return value === undefined || value === '' ? undefined : value;
    };
    const site = cell('name');
    if (site === undefined) {
      issues.push({ path: ['name'], line: row.line, message: 'every row names its site' });
      continue;
    }
    if (lines.has(site)) issues.push({ path: ['name'], line: row.line, message: `'${site}' is also on line ${lines.get(site)}` });
    if (Object.hasOwn(yamlSites, site)) issues.push({ path: ['name'], line: row.line, message: `'${site}' is also a site of sites: in the scenario` });
    const fields: Record<string, unknown> = {};
    const number = (column: string): number | undefined => {
      const text = cell(column);
      if (text === undefined) return undefined;
      const value = Number(text);
      if (!Number.isFinite(value)) issues.push({ path: [column], line: row.line, message: `expected a number; got "${text}"` });
      return value;
    };
    const latitude = number('latitude');
    const longitude = number('longitude');
    if ((latitude === undefined) !== (longitude === undefined)) issues.push({ path: ['latitude'], line: row.line, message: 'a location by coordinates needs both latitude and longitude' });
    if (latitude !== undefined && cell('location') !== undefined) issues.push({ path: ['location'], line: row.line, message: 'a location by name or by coordinates, not both' });
    const location = latitude !== undefined && longitude !== undefined ? [latitude, longitude] : cell('location');
    if (location !== undefined) fields.location = location;
    const scalar = (column: Column, key: string): void => {
      const value = NUMERIC.has(column) ? number(column) : cell(column);
      if (value !== undefined) fields[key] = value;
    };
    scalar('users', 'users');
    scalar('utc_offset', 'utc_offset');
    scalar('continent', 'continent');
    const down = cell('internet_down');
    const up = cell('internet_up');
    if ((down === undefined) !== (up === undefined)) issues.push({ path: ['internet_down'], line: row.line, message: 'an asymmetric access gives both internet_down and internet_up' });
    if (cell('internet') !== undefined && down !== undefined) issues.push({ path: ['internet'], line: row.line, message: 'internet or internet_down and internet_up, not both' });
    const bandwidth = down !== undefined && up !== undefined ? { down, up } : cell('internet');
    if (bandwidth !== undefined) fields.internet = { bandwidth };
    const counts: Record<string, number> = {};
    for (const column of headers) {
      if (!Object.hasOwn(personas, column)) continue;
      const count = number(column);
      if (count !== undefined) counts[column] = count;
    }
    if (Object.keys(counts).length > 0) fields.personas = counts;
    sites[site] = mergeOverride(defaults, fields);
    lines.set(site, row.line);
  }
  if (issues.length > 0) throw tableError(issues);
  return {
    data: { ...rest, sites: { ...sites, ...yamlSites } },
    originOf: (path) => {
      const site = path[0] === 'sites' && typeof path[1] === 'string' ? lines.get(path[1]) : undefined;
      return site === undefined ? undefined : { file: display, line: site };
    },
  };
}
