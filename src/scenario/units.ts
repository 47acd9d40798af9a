import type { Nanos } from '../core/time.js';

const NUMBER = String.raw`([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)`;

function parseWithUnits(text: string, units: Record<string, number>): number | undefined {
  const match = new RegExp(`^${NUMBER}\\s*([A-Za-z]+)$`).exec(text.trim());
  if (!match) return undefined;
  const factor = units[match[2]!];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

const BANDWIDTH_UNITS: Record<string, number> = {
  bps: 1,
  kbps: 1e3,
  Kbps: 1e3,
  Mbps: 1e6,
  Gbps: 1e9,
  Tbps: 1e12,
};

const TIME_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  min: 60e9,
  h: 3600e9,
  d: 86400e9,
};

const SIZE_UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

/** "150Mbps" -> 150e6 bits per second. */
export const parseBandwidth = (text: string): number | undefined => parseWithUnits(text, BANDWIDTH_UNITS);

/** 150e6 -> "150Mbps" (parseBandwidth's inverse for the sizes products come in), or "150 Mbps" for prose. */
export const formatBandwidth = (bps: number, separator = ''): string => (bps >= 1e9 ? `${bps / 1e9}${separator}Gbps` : `${bps / 1e6}${separator}Mbps`);

/** "10ms" -> 10_000_000 nanoseconds (rounded to whole nanoseconds). */
export function parseTime(text: string): Nanos | undefined {
  const ns = parseWithUnits(text, TIME_UNITS);
  return ns === undefined ? undefined : Math.round(ns);
}

/** "1500B" -> 1500 bytes; "64KiB" -> 65536. */
export function parseSize(text: string): number | undefined {
  const bytes = parseWithUnits(text, SIZE_UNITS);
  return bytes === undefined ? undefined : Math.round(bytes);
}
