import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { buildReport, formatValue } from '../../src/report/build-report.js';
import { parseTable } from '../../src/report/result-tables.js';
import { ersim, tempDir, writeScenario } from '../cli/cli-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
/** .ci/run installs Chromium and requires this test; elsewhere it runs when Chromium is there. */
const required = process.env.ERSIM_BROWSER_TESTS === 'required';
const available = existsSync(CHROMIUM);

const SCENARIO = `
name: report-test
duration: 12s
warmup: 2s
seed: 3
replications: 2
regions: { eastus: { continent: north-america, location: [37.37, -79.82] } }
peering_locations: { washington-dc: { continent: north-america, location: [38.90, -77.04] } }
services:
  m365: { region: eastus, kind: saas }
  erp: { region: eastus, kind: vnet, prefix: 10.20.0.0/16 }
sites:
  boston: { location: [42.36, -71.06], continent: north-america, users: 200, internet: { bandwidth: 200Mbps, delay: 4ms, cross_traffic: { load: 0.5 }, outages: [{ at: 6s, duration: 2s }] } }
apps:
  audio: { kind: call, service: m365, calls_per_hour: 2, duration: 5m }
  web: { kind: web, service: m365, requests_per_minute: 2, response: 100KB }
  erp: { kind: web, service: erp, requests_per_minute: 2, response: 20KB }
prices: { circuit: { 1Gbps: 2700 }, premium: { 1Gbps: 1100 }, egress_per_gb: 0.025, er_gateway: { ErGw1Az: 300 }, internet_per_mbps: 1 }
variants:
  internet: {}
  circuit: { circuits: { er: { site: boston, peering_location: washington-dc, bandwidth: 1Gbps, sku: premium } } }
`;

describe.runIf(available || required)('the HTML report in a real browser', () => {
  it('renders every chart with data marks, no console errors, and the headline numbers of comparison.csv', async () => {
    expect(available, `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
    const dir = tempDir();
    const out = join(dir, 'out');
    const result = await ersim('compare', writeScenario(dir, 'r.yaml', SCENARIO), '-o', out, '--report', '--workers', '1', '--no-cache', '-q');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) errors.push(`network request: ${r.url()}`);
      });
      await page.goto(`file://${resolve(out, 'report.html')}`);

      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => ({
          id: (f as HTMLElement).dataset.chart,
          marks: f.querySelectorAll('svg g.role-mark path, svg g.role-mark line').length,
          title: f.querySelector('svg .role-title-text')?.textContent ?? '',
          axes: [...f.querySelectorAll('svg .role-axis-title text')].map((t) => t.textContent),
        })),
      );
      expect(charts.map((c) => c.id)).toEqual(['delay-cdf', 'link-throughput', 'link-queue-delay', 'availability']);
      for (const c of charts) {
        expect(c.marks, `chart ${c.id} has no data marks`).toBeGreaterThan(0);
        expect(c.title.length, `chart ${c.id} has no title`).toBeGreaterThan(0);
        expect(c.axes.length, `chart ${c.id} has no axis titles`).toBeGreaterThanOrEqual(1);
      }
      expect(charts.find((c) => c.id === 'delay-cdf')!.axes).toContain('one-way delay (ms)');

      // every headline cell holds the number of comparison.csv, shown as the report formats it
      const csv = await parseTable(readFileSync(join(out, 'comparison.csv'), 'utf8'));
      const cells = await page.$$eval('#headline tbody tr', (rows) =>
        rows.map((tr) => {
          const td = [...tr.querySelectorAll('td')];
          return {
            key: td.slice(0, 4).map((c) => c.textContent),
            values: td.filter((c) => c.dataset.variant !== undefined).map((c) => ({ variant: c.dataset.variant!, value: c.dataset.value!, text: c.textContent! })),
          };
        }),
      );
      expect(cells.map((c) => c.key[3])).toContain('mos');
      expect(cells.map((c) => c.key[3])).toContain('monthly_cost');
      for (const row of cells) {
        const match = csv.find((r) => [r.site, r.application, r.direction, r.metric].map((x) => (typeof x === 'number' && Number.isNaN(x) ? '' : String(x))).join('|') === row.key.join('|'));
        if (match === undefined) throw new Error(`no comparison.csv row for ${row.key.join(' ')}`);
        for (const v of row.values) {
          const expected = match[v.variant] as number;
          if (Number.isNaN(expected)) expect(v.value).toBe('NaN');
          else expect(Number(v.value)).toBeCloseTo(expected, 9);
          expect(v.text.startsWith(formatValue(expected))).toBe(true);
        }
      }
      expect(await page.textContent('#scenario')).toContain('name: report-test');
      expect(errors).toEqual([]);
      mkdirSync('results', { recursive: true });
      await page.screenshot({ path: 'results/report-test.png', fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('shows hostile names and values as text: no script runs', async () => {
    expect(available, `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
    const evil = '<img src=x onerror="window.pwned=1">';
    const files = {
      'summary.csv': 'scenario,variant,replication,seed,sim_time_s,warmup_s,events,packets_allocated,replications,wall_s,events_per_s\n"<script>window.pwned=2</script>",a,0,1,1,0,10,1,1,0.1,100\n"<script>window.pwned=2</script>",b,0,1,1,0,10,1,1,0.1,100\n',
      'comparison.csv': `site,application,direction,metric,a,a_ci95,b,b_ci95,b_diff,b_diff_ci95,b_significant,replications\n"${evil.replace(/"/g, '""')}",app,up,mos,"1""><img src=x onerror=window.pwned=3>",,4,,0,,no,1\n`,
      'scenario.yaml': `name: x\n# ${evil}\n`,
    };
    const html = await buildReport(files);
    const dir = tempDir();
    writeFileSync(join(dir, 'report.html'), html);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'report.html')}`);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.$$('img')).toEqual([]);
      expect(await page.textContent('#headline')).toContain(evil);
      expect(await page.textContent('h1')).toContain('<script>');
      expect(await page.textContent('#scenario')).toContain(evil);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

