import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/output/csv.js';

describe('CSV output', () => {
  it('keeps text that a spreadsheet would run as a formula as text, numbers as numbers', async () => {
    const csv = await toCsv([
      { name: '=1+1', other: '+cmd', at: '@SUM(A1)', dash: '-2+3', ok: 'plain', n: -5, x: 0.25 },
      { name: 'a,b', other: 'say "hi"', at: '\tx', dash: 'x-y', ok: '', n: NaN, x: 1e21 },
    ]);
    expect(csv).toBe(
      "name,other,at,dash,ok,n,x\n'=1+1,'+cmd,'@SUM(A1),'-2+3,plain,-5,0.25\n\"a,b\",\"say \"\"hi\"\"\",'\tx,x-y,,,1e+21\n",
    );
  });
});
