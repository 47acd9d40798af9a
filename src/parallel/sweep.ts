import { parse } from 'yaml';

/** A swept parameter: a field path of the scenario and the values it takes. */
export interface SweepParameter {
  path: string;
  values: unknown[];
}

/** "circuits.hq.bandwidth=200Mbps,500Mbps,1Gbps" -> a parameter; values read as YAML scalars. */
export function parseParameter(text: string): SweepParameter | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) return undefined;
  const path = text.slice(0, eq).trim();
  if (!/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/.test(path)) return undefined;
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => parse(v) as unknown);
  return values.length === 0 ? undefined : { path, values };
}

/** The points of a sweep: every combination (grid), or the i-th values together (zip). */
export function sweepPoints(parameters: readonly SweepParameter[], zip: boolean): Record<string, unknown>[] {
  if (zip) {
    const n = parameters[0]!.values.length;
    if (parameters.some((p) => p.values.length !== n)) throw new Error('--zip needs the same number of values for every parameter');
    return Array.from({ length: n }, (_, i) => Object.fromEntries(parameters.map((p) => [p.path, p.values[i]])));
  }
  let points: Record<string, unknown>[] = [{}];
  for (const p of parameters) points = points.flatMap((point) => p.values.map((v) => ({ ...point, [p.path]: v })));
  return points;
}

export const pointLabel = (point: Record<string, unknown>): string =>
  Object.entries(point)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
