import { describe, expect, it } from 'vitest';
import { parseString, writeToString } from 'fast-csv';
import { csvCell, toCsv } from '../../src/output/csv.js';
import type { Row } from '../../src/stats/records.js';
import { keepSpecial, reviveSpecial } from '../../src/parallel/result-codec.js';

describe('CSV output', () => {
  it('keeps text that a spreadsheet would run as a formula as text, numbers as numbers', async () => {
    const csv = toCsv([
      { name: '=1+1', other: '+cmd', at: '@SUM(A1)', dash: '-2+3', ok: 'plain', n: -5, x: 0.25 },
      { name: 'a,b', other: 'say "hi"', at: '\tx', dash: 'x-y', ok: '', n: NaN, x: 1e21 },
    ]);
    expect(csv).toBe(
      "name,other,at,dash,ok,n,x\n'=1+1,'+cmd,'@SUM(A1),'-2+3,plain,-5,0.25\n\"a,b\",\"say \"\"hi\"\"\",'\tx,x-y,,,1e+21\n",
    );
  });

  const cells = ['plain', '', 'a,b', 'say "hi"', '"', 'two\nlines', 'cr\rlf\r\n', 'nul\0here', ' spaced ', "it's", 'x;y', '\u00e9t\u00e9 \u{1F600}'];

  it('writes NaN, also one that went through JSON with the result codec\'s markers, as an empty cell; refuses a missing column', () => {
    const rows = JSON.parse(JSON.stringify([{ case: 'a', ns: NaN, x: 1.5 }], keepSpecial), reviveSpecial) as Row[];
    expect(rows[0]!.ns).toBeNaN();
    expect(toCsv(rows)).toBe('case,ns,x\na,,1.5\n');
    expect(toCsv([{ case: 'b', ns: NaN, x: 2 }])).toBe('case,ns,x\nb,,2\n');
    expect(() => toCsv([{ case: 'c' }], ['case', 'ns'])).toThrow(/row without column 'ns'/);
  });

  it('quotes cells as fast-csv does (its extra quoting of "|" aside)', async () => {
    for (const cell of cells) expect(csvCell(cell)).toBe(await writeToString([[cell]], { headers: false }));
    expect(csvCell('a|b')).toBe('a|b');
  });

  it('writes documents that a CSV parser reads back cell for cell', async () => {
    const rows = cells.map((cell, i) => ({ i, cell }));
    const parsed = await new Promise<string[][]>((resolve, reject) => {
      const out: string[][] = [];
      parseString(toCsv(rows), { headers: false })
        .on('data', (row: string[]) => out.push(row))
        .on('error', reject)
        .on('end', () => resolve(out));
    });
    expect(parsed).toEqual([['i', 'cell'], ...cells.map((cell, i) => [String(i), cell.replaceAll('\0', '')])]);
  });
});
