import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ersim, filesIn, GOOD_SCENARIO, tempDir, writeScenario } from './cli-helpers.js';

const GOOD = GOOD_SCENARIO;

/** Each case: a broken scenario, and what the error must name (field path and line). */
const CASES: { name: string; text: string; expect: RegExp }[] = [
  { name: 'YAML syntax', text: GOOD.replace('nodes: [a, b]', 'nodes: [a, b'), expect: /bad\.yaml:\d+: .*YAML syntax/ },
  { name: 'unknown field', text: GOOD.replace('delay: 1ms }', 'delay: 1ms, colour: red }'), expect: /bad\.yaml:5: links\[0\]\.colour: unknown field 'colour'/ },
  { name: 'wrong unit', text: GOOD.replace('bandwidth: 10Mbps', 'bandwidth: 10MB'), expect: /bad\.yaml:5: links\[0\]\.bandwidth: expected a bandwidth/ },
  { name: 'link to a missing node', text: GOOD.replace('{ from: a, to: b, bandwidth', '{ from: a, to: c, bandwidth'), expect: /bad\.yaml:5: links\[0\]\.to: no node named 'c'/ },
  { name: 'an MTU of 2 MiB', text: GOOD.replace('delay: 1ms }', 'delay: 1ms, mtu: 2MiB }'), expect: /bad\.yaml:5: links\[0\]\.mtu: an MTU must be under 2 MiB/ },
  { name: 'negative bandwidth', text: GOOD.replace('bandwidth: 10Mbps', 'bandwidth: -10Mbps'), expect: /bad\.yaml:5: links\[0\]\.bandwidth: / },
  {
    name: 'no route between a flow\'s ends',
    text: GOOD.replace('nodes: [a, b]', 'nodes: [a, b, c]').replace('{ from: a, to: b, source', '{ from: a, to: c, source'),
    expect: /bad\.yaml:7: flows\[0\]\.to: no route from 'a' to 'c'/,
  },
  { name: 'missing field', text: GOOD.replace('duration: 1s\n', ''), expect: /bad\.yaml:1: duration: this field is required/ },
  { name: 'a name that leaves results/', text: GOOD.replace('name: ok', 'name: ".."'), expect: /bad\.yaml:1: name: a name cannot be \. or \.\. nor start with -/ },
  { name: 'a name like an option', text: GOOD.replace('name: ok', 'name: -rf'), expect: /bad\.yaml:1: name: a name cannot be/ },
  { name: 'a number without its unit', text: GOOD.replace('bandwidth: 10Mbps', 'bandwidth: 1000'), expect: /bad\.yaml:5: links\[0\]\.bandwidth: expected a bandwidth with its unit, like 1Gbps or 150Mbps; got the number 1000$/m },
  { name: 'a duration as a bare number', text: GOOD.replace('duration: 1s', 'duration: 60'), expect: /bad\.yaml:2: duration: expected a time with its unit, like 10ms or 30s; got the number 60$/m },
  { name: 'a seed as text', text: GOOD.replace('duration: 1s', 'duration: 1s\nseed: "abc"'), expect: /bad\.yaml:3: seed: expected a number; got the text "abc"$/m },
  { name: 'a list as a scalar', text: GOOD.replace('nodes: [a, b]', 'nodes: a'), expect: /bad\.yaml:3: nodes: expected a list; got the text "a"$/m },
  { name: 'NaN as a time', text: GOOD.replace('duration: 1s', 'duration: .nan'), expect: /bad\.yaml:2: duration: .*got not a number \(\.nan\)$/m },
  { name: 'an unknown source kind', text: GOOD.replace('kind: cbr', 'kind: cbrr'), expect: /bad\.yaml:7: flows\[0\]\.source\.kind: expected one of cbr, poisson, onoff; got the text "cbrr" \(did you mean 'cbr'\?\)$/m },
  { name: 'a source with no kind', text: GOOD.replace('kind: cbr, ', ''), expect: /bad\.yaml:7: flows\[0\]\.source\.kind: this field is required: one of cbr, poisson, onoff$/m },
  { name: 'a misspelt field', text: GOOD.replace('delay: 1ms }', 'dellay: 1ms }'), expect: /bad\.yaml:5: links\[0\]\.dellay: unknown field 'dellay' \(did you mean 'delay'\?\)$/m },
  {
    name: 'a billion laughs',
    text: `${GOOD}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
    expect: /bad\.yaml:1: \(top level\): YAML: .*alias/,
  },
  { name: 'a terabit of 20-byte packets', text: GOOD.replace('rate: 1Mbps }', 'rate: 1000Gbps, packet_size: 20B }'), expect: /bad\.yaml:7: flows\[0\]\.source\.rate: a replication would simulate about .* events .*--max-events/ },
  { name: 'a billion replications', text: GOOD.replace('duration: 1s', 'duration: 1s\nreplications: 1000000000'), expect: /bad\.yaml:3: replications: at most 100,000 replications/ },
  { name: 'a queue of a trillion packets', text: GOOD.replace('delay: 1ms }', 'delay: 1ms, queue: { kind: droptail, limit_packets: 1000000000000 } }'), expect: /links\[0\]\.queue\.limit_packets: a queue holds at most 10,000,000 packets/ },
  { name: 'ten million cross-traffic sources', text: GOOD.replace('delay: 1ms }', 'delay: 1ms, cross_traffic: { load: 0.5, sources: 10000000 } }'), expect: /links\[0\]\.cross_traffic\.sources: at most 10,000/ },
  { name: 'a one-byte packet', text: GOOD.replace('rate: 1Mbps }', 'rate: 1Mbps, packet_size: 1B }'), expect: /flows\[0\]\.source\.packet_size: a packet is 20 B to 64 KB/ },
  { name: 'a packet run beyond 2^53 ns', text: GOOD.replace('duration: 1s', 'duration: 105d'), expect: /bad\.yaml:2: duration: a run with packets lasts at most 104 days/ },
  { name: 'TCP flow without an app', text: GOOD.replace('source: { kind: cbr, rate: 1Mbps }', 'protocol: tcp'), expect: /bad\.yaml:7: flows\[0\]\.app: a TCP flow needs an app/ },
  { name: 'unknown congestion control', text: GOOD.replace('source: { kind: cbr, rate: 1Mbps }', 'protocol: tcp, app: { kind: bulk }, tcp: { cc: vegas }'), expect: /bad\.yaml:7: flows\[0\]\.tcp\.cc: / },
  { name: 'packet larger than the MTU', text: GOOD.replace('rate: 1Mbps }', 'rate: 1Mbps, packet_size: 9000B }'), expect: /flows\[0\]\.source\.packet_size: .*MTU/ },
];

/** The planner's level: an office, services, an application and a VPN. */
const PLANNER = `name: ok
duration: 1s
regions: { eastus: { continent: north-america, location: [37.37, -79.82] } }
services:
  m365: { region: eastus }
  vnet: { region: eastus, kind: vnet, prefix: 10.20.0.0/16 }
sites:
  boston: { location: [42.36, -71.06], users: 10, internet: { bandwidth: 100Mbps } }
apps:
  audio: { kind: call, service: m365, calls_per_hour: 1 }
vpns:
  s2s: { site: boston, vnet: vnet }
`;

const PLANNER_CASES: { name: string; text: string; expect: RegExp }[] = [
  { name: 'an application of a missing service', text: PLANNER.replace('service: m365', 'service: teams'), expect: /bad\.yaml:10: apps\.audio\.service: no service named 'teams'/ },
  { name: 'an application of an unknown kind', text: PLANNER.replace('kind: call', 'kind: chat'), expect: /bad\.yaml:10: apps\.audio\.kind: / },
  { name: 'an application for a site without users', text: PLANNER.replace('users: 10', 'users: 0').replace('calls_per_hour: 1 }', 'calls_per_hour: 1, sites: [boston] }'), expect: /bad\.yaml:10: apps\.audio\.sites\[0\]: 'boston' has no users/ },
  { name: 'media packets larger than the path MTU', text: PLANNER.replace('calls_per_hour: 1 }', 'calls_per_hour: 1, packet_size: 1600B }'), expect: /apps\.audio\.packet_size: .*MTU/ },
  { name: 'a VPN to a service that is not a VNet', text: PLANNER.replace('vnet: vnet }', 'vnet: m365 }'), expect: /bad\.yaml:12: vpns\.s2s\.vnet: 'm365' is not a VNet/ },
  { name: 'a VPN from a missing site', text: PLANNER.replace('site: boston, vnet', 'site: austin, vnet'), expect: /bad\.yaml:12: vpns\.s2s\.site: no site named 'austin'/ },
  { name: 'a tunnel MTU too large for the Internet', text: PLANNER.replace('vnet: vnet }', 'vnet: vnet, mtu: 1480B }'), expect: /bad\.yaml:12: vpns\.s2s\.mtu: .*exceeds the Internet's 1500 B/ },
  { name: 'an unknown VPN gateway SKU', text: PLANNER.replace('vnet: vnet }', 'vnet: vnet, gateway: VpnGw9 }'), expect: /bad\.yaml:12: vpns\.s2s\.gateway: / },
];

describe('bad input', () => {
  it.each(PLANNER_CASES)('$name: exits non-zero naming file, field and line', async (c) => {
    const dir = tempDir();
    const file = writeScenario(dir, 'bad.yaml', c.text);
    const result = await ersim('validate', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(c.expect);
    expect((await ersim('validate', writeScenario(dir, 'good.yaml', PLANNER))).code).toBe(0);
  });

  it.each(CASES)('$name: exits non-zero naming file, field and line, and writes nothing', async (c) => {
    const dir = tempDir();
    const file = writeScenario(dir, 'bad.yaml', c.text);
    const out = join(dir, 'out');
    for (const command of [['validate', file], ['run', file, '--out', out]]) {
      const result = await ersim(...command);
      expect(result.code).not.toBe(0);
      expect(result.err).toMatch(c.expect);
    }
    expect(existsSync(out)).toBe(false);
    expect(filesIn(dir)).toEqual(['bad.yaml']);
  });

  it('accepts the good scenario the cases start from', async () => {
    const dir = tempDir();
    const result = await ersim('validate', writeScenario(dir, 'good.yaml', GOOD));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/ok/);
  });

  it('rejects unknown options and bad option values', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'good.yaml', GOOD);
    expect((await ersim('run', file, '--colour', 'red')).code).not.toBe(0);
    const badSeed = await ersim('run', file, '--seed', 'x', '--out', join(dir, 'out'));
    expect(badSeed.code).not.toBe(0);
    expect(badSeed.err).toMatch(/--seed/);
    for (const [option, value, message] of [
      ['--timeseries', '1ns', /--timeseries: at least 1ms/],
      ['--max-events', 'lots', /--max-events: expected a positive number/],
      ['--max-events', '100', /flows\[0\]\.source\.rate: a replication would simulate about 3\.3e\+2 events/],
      ['--max-memory', '1e3', /(flows|links): a replication would need about .* GB .*--max-memory/],
    ] as const) {
      const result = await ersim('run', file, option, value, '--out', join(dir, 'out'));
      expect(result.code, `${option} ${value}`).toBe(2);
      expect(result.err).toMatch(message);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names a file that cannot be read', async () => {
    const result = await ersim('validate', '/nonexistent/scenario.yaml');
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/\/nonexistent\/scenario\.yaml: .*cannot read/);
  });

  it('refuses special files without opening them, and files beyond 16 MB', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, '/dev/zero', dir]) {
      const result = await ersim('validate', file);
      expect(result.code, file).toBe(2);
      expect(result.err).toContain(`${file}: (top level): not a regular file`);
    }
    const big = writeScenario(dir, 'big.yaml', `name: big\n# ${'x'.repeat(17 * 1024 * 1024)}\n`);
    expect((await ersim('validate', big)).err).toMatch(/big\.yaml: \(top level\): the file is \d+ bytes; a scenario is at most 16777216 bytes/);
  });

  it('checks --out before simulating: a file there is an error, and nothing is written', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'ok.yaml', GOOD);
    const out = writeScenario(dir, 'taken', 'not a folder');
    const result = await ersim('run', file, '--out', out, '-q');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--out .*taken: there is a file of that name, not a folder/);
    expect(filesIn(dir)).toEqual(['ok.yaml', 'taken']);
  });
});

