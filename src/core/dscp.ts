/** DSCP code points by name (RFC 2474 class selectors, RFC 2597 assured forwarding, RFC 3246 expedited forwarding). */
export const DSCP = {
  CS0: 0,
  AF11: 10,
  AF12: 12,
  AF13: 14,
  AF21: 18,
  AF22: 20,
  AF23: 22,
  AF31: 26,
  AF41: 34,
  AF42: 36,
  AF43: 38,
  EF: 46,
} as const;

/** A traffic class of a queue: its name and the DSCP values it takes ('default': every value no other class lists). */
export interface DscpClass {
  readonly name: string;
  readonly dscp: readonly number[] | 'default';
}

/**
 * The five classes every queue has unless a scenario lists its own, highest priority first: voice
 * (EF), video (AF4x), sharing (AF2x), bulk (AF1x) and default, the markings of RFC 4594's
 * telephony, multimedia conferencing and high-throughput data classes (which ExpressRoute's
 * Microsoft-peering QoS also uses, see docs/models.md).
 */
export const STANDARD_CLASSES: readonly DscpClass[] = [
  { name: 'voice', dscp: [DSCP.EF] },
  { name: 'video', dscp: [DSCP.AF41, DSCP.AF42, DSCP.AF43] },
  { name: 'sharing', dscp: [DSCP.AF21, DSCP.AF22, DSCP.AF23] },
  { name: 'bulk', dscp: [DSCP.AF11, DSCP.AF12, DSCP.AF13] },
  { name: 'default', dscp: 'default' },
];

/** Parse a DSCP given as a number (0-63) or a name (EF, AF41, CS0 ...). */
export function parseDscp(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value < 64 ? value : undefined;
  const upper = value.trim().toUpperCase();
  if (Object.hasOwn(DSCP, upper)) return DSCP[upper as keyof typeof DSCP];
  const cs = /^CS([0-7])$/.exec(upper);
  if (cs) return Number(cs[1]) * 8;
  const af = /^AF([1-4])([1-3])$/.exec(upper);
  if (af) return Number(af[1]) * 8 + Number(af[2]) * 2;
  return undefined;
}
