import { parseString } from 'fast-csv';

/** A CSV file of a results folder as rows; numeric cells are numbers, empty cells NaN. */
export type Table = Record<string, string | number>[];

export async function parseTable(text: string): Promise<Table> {
  const rows: Table = [];
  await new Promise<void>((resolve, reject) => {
    parseString(text, { headers: true })
      .on('data', (row: Record<string, string>) => {
        const out: Record<string, string | number> = {};
        for (const [k, v] of Object.entries(row)) out[k] = v === '' ? NaN : /^-?(\d|\.\d)/.test(v) && Number.isFinite(Number(v)) ? Number(v) : v;
        rows.push(out);
      })
      .on('error', reject)
      .on('end', () => resolve());
  });
  return rows;
}

/** The results of a run, compare or sweep: every CSV file present, by name without `.csv`, and the scenario's text. */
export interface ResultTables {
  tables: Map<string, Table>;
  scenarioText?: string;
}

export async function resultTables(files: Record<string, string>): Promise<ResultTables> {
  const tables = new Map<string, Table>();
  for (const [name, text] of Object.entries(files)) if (name.endsWith('.csv')) tables.set(name.slice(0, -4), await parseTable(text));
  return { tables, scenarioText: files['scenario.yaml'] };
}
