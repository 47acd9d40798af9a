import { ClassMap } from '../net/queues/class-map.js';
import { DeficitRoundRobinQueue } from '../net/queues/deficit-round-robin.js';
import { DropTailQueue } from '../net/queues/drop-tail.js';
import type { QueueDiscipline } from '../net/queues/queue-discipline.js';
import { StrictDrrQueue } from '../net/queues/strict-drr.js';
import { StrictPriorityQueue } from '../net/queues/strict-priority.js';
import type { QueueSpec } from '../scenario/scenario.js';
import type { Clock } from '../core/time.js';

export function buildClassMap(spec: QueueSpec): ClassMap {
  return ClassMap.fromClasses(spec.classes);
}

/** A link's egress queue, stamping arrivals with `clock`'s time. */
export function buildQueue(spec: QueueSpec, clock: Clock): QueueDiscipline {
  const limits = spec.classes.map((c) => ({ packets: c.limitPackets, bytes: c.limitBytes }));
  switch (spec.kind) {
    case 'droptail':
      return new DropTailQueue({ packets: spec.limitPackets, bytes: spec.limitBytes }, clock);
    case 'priority':
      return new StrictPriorityQueue(limits, clock);
    case 'drr':
      return new DeficitRoundRobinQueue(
        limits,
        spec.classes.map((c) => c.weight * spec.quantum),
        clock,
      );
    case 'qos':
      return new StrictDrrQueue(
        limits,
        spec.classes.filter((c) => c.strict === true).length,
        spec.classes.map((c) => c.weight * spec.quantum),
        clock,
      );
  }
}
