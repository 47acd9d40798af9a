import type { Link } from './link.js';

/** A vertex of the topology: hosts and routers alike. Forwarding follows each packet's route. */
export class Node {
  readonly out: Link[] = [];

  constructor(
    readonly name: string,
    readonly index: number,
  ) {}
}
