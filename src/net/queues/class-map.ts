import { STANDARD_CLASSES } from '../../core/dscp.js';

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

/** The standard five classes (voice, video, sharing, bulk, default): every queue's unless a scenario lists its own. */
export const DEFAULT_CLASS_MAP = ClassMap.fromClasses(STANDARD_CLASSES);
