import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ersim, filesIn, SMALL_DUMBBELL, tempDir, writeScenario } from './cli-helpers.js';

describe('the results folder', () => {
  it('holds one run only: a later run replaces the whole folder, files of the earlier run included', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SMALL_DUMBBELL);
    const out = join(dir, 'out');
    expect((await ersim('run', file, '--out', out, '-q', '--no-cache', '--timeseries', '100ms', '--seed', '1')).code).toBe(0);
    expect(filesIn(out)).toContain('timeseries.csv');
    expect((await ersim('run', file, '--out', out, '-q', '--no-cache', '--seed', '2')).code).toBe(0);
    expect(filesIn(out)).not.toContain('timeseries.csv');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toMatch(/,2,/);
    // nothing left beside it: no staging or old folder, no temporary file
    expect(readdirSync(dir).sort()).toEqual(['out', 's.yaml']);
  });

  it('is never a folder holding other files: refused before the simulation, left untouched', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SMALL_DUMBBELL);
    const mine = join(dir, 'documents');
    expect((await ersim('run', file, '--out', join(dir, 'documents'), '-q', '--no-cache')).code).toBe(0);
    writeFileSync(join(mine, 'thesis.docx'), 'precious');
    const before = filesIn(mine);
    const result = await ersim('run', file, '--out', mine, '-q', '--no-cache');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--out .*documents: the folder holds files ersim did not write \(thesis\.docx\)/);
    expect(filesIn(mine)).toEqual(before);
  });

  it("is replaced with the files a scenario includes, which are ersim's copies, and not with a file put beside them", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'enterprise.yaml', readFileSync('scenarios/enterprise.yaml', 'utf8').replace(/^duration: .*$/m, 'duration: 6s').replace(/^replications: .*$/m, 'replications: 1'));
    writeFileSync(join(dir, 'enterprise-offices.csv'), readFileSync('scenarios/enterprise-offices.csv', 'utf8'));
    const out = join(dir, 'out');
    expect((await ersim('run', file, '--out', out, '-q', '--no-cache')).code).toBe(0);
    expect(filesIn(out)).toContain('enterprise-offices.csv');
    const again = await ersim('run', file, '--out', out, '-q', '--no-cache', '--seed', '2');
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toMatch(/,2,/);

    writeFileSync(join(out, 'offices-v2.csv'), 'precious');
    const refused = await ersim('run', file, '--out', out, '-q', '--no-cache');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/the folder holds files ersim did not write \(offices-v2\.csv\)/);
  });
});
