/** Dropped packets and bytes by (reason, class), for a link or a node (reasons: net/drop-reason.ts). */
export class DropCounters {
  readonly packets: Float64Array;
  readonly bytes: Float64Array;

  constructor(
    readonly reasons: number,
    readonly classes: number,
  ) {
    this.packets = new Float64Array(reasons * classes);
    this.bytes = new Float64Array(reasons * classes);
  }

  add(reason: number, cls: number, bytes: number): void {
    const i = reason * this.classes + cls;
    this.packets[i]!++;
    this.bytes[i]! += bytes;
  }

  byReason(reason: number): number {
    let total = 0;
    for (let c = 0; c < this.classes; c++) total += this.packets[reason * this.classes + c]!;
    return total;
  }
}
