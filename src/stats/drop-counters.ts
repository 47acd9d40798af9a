import { DROP_REASON_COUNT } from '../net/drop-reason.js';

/** Dropped packets and bytes by (reason, class), for a link or a node. */
export class DropCounters {
  readonly packets: Float64Array;
  readonly bytes: Float64Array;

  constructor(readonly classes: number) {
    this.packets = new Float64Array(DROP_REASON_COUNT * classes);
    this.bytes = new Float64Array(DROP_REASON_COUNT * classes);
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
