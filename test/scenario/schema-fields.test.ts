import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseScenarioText } from '../../src/planner/load.js';
import { scenarioSchema } from '../../src/planner/schema.js';
import { editDistance, nearestNames } from '../../src/scenario/near-names.js';
import { fieldsAt, unknownFieldHint } from '../../src/scenario/schema-fields.js';

const errorOf = (yaml: string): string => {
  try {
    parseScenarioText(yaml, 'p.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
};

const PLANNER = `name: p
duration: 10s
regions: [eastus]
services:
  m365: { region: eastus, kind: saas }
sites:
  boston:
    location: boston
    users: 10
    internet: { bandwidth: 100Mbps }
apps:
  web: { kind: web, service: m365, requests_per_minute: 1, response: 10KB }
`;

describe('what an unknown field or a missing kind is told', () => {
  it('a misspelt or decorated field name gets the field it stands for', () => {
    expect(errorOf(PLANNER.replace('bandwidth: 100Mbps', 'bandwidth: 100Mbps, isp_delay: 4ms'))).toMatch(
      /p\.yaml:10: sites\.boston\.internet\.isp_delay: unknown field 'isp_delay' \(did you mean 'delay'\?\)/,
    );
    expect(errorOf(PLANNER.replace('users: 10', 'usres: 10'))).toMatch(/sites\.boston\.usres: unknown field 'usres' \(did you mean 'users'\?\)/);
  });

  it("a union's fields are those of the option the mapping's kind picks", () => {
    // 'duration' is a call's field, not a web transaction's: no suggestion of it for kind: web
    const web = errorOf(PLANNER.replace('response: 10KB }', 'response: 10KB, duraton: 8m }'));
    expect(web).toMatch(/apps\.web\.duraton: unknown field 'duraton' \(the fields here: kind, .*requests_per_minute/);
    expect(web).not.toMatch(/did you mean/);
    const call = errorOf(PLANNER.replace('web: { kind: web, service: m365, requests_per_minute: 1, response: 10KB }', 'teams: { kind: call, service: m365, calls_per_hour: 1, duraton: 8m }'));
    expect(call).toMatch(/apps\.teams\.duraton: unknown field 'duraton' \(did you mean 'duration'\?\)/);
  });

  it('a missing or unknown kind names the kinds there are', () => {
    expect(errorOf(PLANNER.replace('{ kind: web, ', '{ '))).toMatch(/p\.yaml:12: apps\.web\.kind: this field is required: one of call, web, transfer$/m);
    expect(errorOf(PLANNER.replace('{ kind: web, ', '{ kind: http, '))).toMatch(/apps\.web\.kind: expected one of call, web, transfer; got the text "http"$/m);
  });

  it('a word from a list is told the words, and the one it misspells', () => {
    const variant = `${PLANNER}variants:
  internet: {}
  circuit:
    circuits:
      er: { site: boston, peering_location: washington-dc, bandwidth: 1Gbps, sku: premum, peerings: [microsof] }
`;
    const message = errorOf(variant);
    expect(message).toMatch(/p\.yaml:17: circuits\.er\.sku: expected one of local, standard, premium; got the text "premum" \(did you mean 'premium'\?\) \(in variant 'circuit'\)/);
    expect(message).toMatch(/circuits\.er\.peerings\[0\]: expected one of microsoft, private; got the text "microsof" \(did you mean 'microsoft'\?\)/);
    expect(errorOf(variant.replace('premum', 'gold').replace('microsof', 'microsoft'))).toMatch(/circuits\.er\.sku: expected one of local, standard, premium; got the text "gold" \(in variant/);
  });

  it("a required field a variant leaves out is placed at the variant's lines", () => {
    const variant = `${PLANNER}variants:
  internet: {}
  circuit:
    circuits:
      er: { site: boston, peering_location: washington-dc, sku: premium }
`;
    expect(errorOf(variant)).toMatch(/^p\.yaml:17: circuits\.er\.bandwidth: this field is required \(in variant 'circuit'\)$/m);
  });

  it('outages written as random failures are told the field for those', () => {
    expect(errorOf(PLANNER.replace('bandwidth: 100Mbps', 'bandwidth: 100Mbps, outages: { mtbf: 30d, mttr: 2h }'))).toMatch(
      /sites\.boston\.internet\.outages: expected a list of \{ at, duration \} \(random failures are written failures: \{ mtbf, mttr \}\); got a mapping/,
    );
  });

  it('a field name that is not a field of any object (an inherited name) leads nowhere', () => {
    const data = { sites: { boston: {} } };
    expect(fieldsAt(scenarioSchema, data, ['sites', 'boston'])).toContain('users');
    expect(fieldsAt(scenarioSchema, data, ['__proto__'])).toBeUndefined();
    expect(fieldsAt(scenarioSchema, data, ['constructor', 'x'])).toBeUndefined();
    expect(fieldsAt(scenarioSchema, data, ['name'])).toBeUndefined(); // a text, not a mapping
    expect(fieldsAt(z.array(z.strictObject({ a: z.number() })), [{}], [0])).toEqual(['a']);
  });

  it('suggests only near names; lists the fields when no name is near and they are few', () => {
    expect(unknownFieldHint('bandwith', ['bandwidth', 'delay'])).toBe(" (did you mean 'bandwidth'?)");
    expect(unknownFieldHint('Delay', ['bandwidth', 'delay'])).toBe(" (did you mean 'delay'?)");
    expect(unknownFieldHint('between', ['kind', 'sites'])).toBe(' (the fields here: kind, sites)');
    expect(unknownFieldHint('zz', Array.from({ length: 17 }, (_, i) => `field${i}`))).toBe('');
    // a very long name costs no more than its length
    expect(unknownFieldHint('x'.repeat(100_000), ['delay'])).toBe(' (the fields here: delay)');
  });

  it('counts a swap of two neighbours as one edit, and names each near name once', () => {
    expect(editDistance('usres', 'users')).toBe(1);
    expect(editDistance('premum', 'premium')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    // a region both listed in the scenario and in the catalogue is one suggestion
    expect(nearestNames('eastuss', ['eastus', 'westus', 'eastus', 'eastus2'])).toEqual(['eastus', 'eastus2', 'westus']);
  });
});
