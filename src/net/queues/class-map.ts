/**
 * Maps each of the 64 DSCP values to a traffic class of a link. Class 0 is the highest priority for
 * the strict-priority discipline; the order also sets the column order in reports.
 */
export class ClassMap {
  readonly classOf: Uint8Array;

  constructor(
    readonly names: readonly string[],
    classOf: Uint8Array,
  ) {
    if (classOf.length !== 64) throw new Error('a DSCP class map needs 64 entries');
    this.classOf = classOf;
  }

  get count(): number {
    return this.names.length;
  }

  /**
   * Build from a list of classes, each naming its DSCP values; the one class with `dscp: 'default'`
   * (or, if none, the last class) takes every value not listed.
   */
  static fromClasses(classes: readonly { name: string; dscp: readonly number[] | 'default' }[]): ClassMap {
    if (classes.length === 0 || classes.length > 255) throw new Error('a class map needs 1 to 255 classes');
    let fallback = classes.findIndex((c) => c.dscp === 'default');
    if (fallback < 0) fallback = classes.length - 1;
    const classOf = new Uint8Array(64).fill(fallback);
    classes.forEach((c, index) => {
      if (c.dscp === 'default') return;
      for (const d of c.dscp) classOf[d] = index;
    });
    return new ClassMap(
      classes.map((c) => c.name),
      classOf,
    );
  }
}

/** DSCP code points used by Microsoft peering QoS (modeling-facts.md). */
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

/** Voice, video, sharing, bulk, default: the classes of ExpressRoute's Microsoft-peering QoS. */
export const DEFAULT_CLASS_MAP = ClassMap.fromClasses([
  { name: 'voice', dscp: [DSCP.EF] },
  { name: 'video', dscp: [DSCP.AF41, DSCP.AF42, DSCP.AF43] },
  { name: 'sharing', dscp: [DSCP.AF21, DSCP.AF22, DSCP.AF23] },
  { name: 'bulk', dscp: [DSCP.AF11, DSCP.AF12, DSCP.AF13] },
  { name: 'default', dscp: 'default' },
]);

/** Parse a DSCP given as a number (0-63) or a name (EF, AF41, CS0 ...). */
export function parseDscp(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value < 64 ? value : undefined;
  const upper = value.trim().toUpperCase();
  if (upper in DSCP) return DSCP[upper as keyof typeof DSCP];
  const cs = /^CS([0-7])$/.exec(upper);
  if (cs) return Number(cs[1]) * 8;
  const af = /^AF([1-4])([1-3])$/.exec(upper);
  if (af) return Number(af[1]) * 8 + Number(af[2]) * 2;
  return undefined;
}
