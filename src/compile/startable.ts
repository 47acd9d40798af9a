/** Something that schedules its first events when the run begins. */
export interface Startable {
  begin(): void;
}

/**
 * A startable and where it runs in a partitioned run (src/partition/): in the partitions of `nodes`
 * (a source in its sender's; a call's arrivals in both ends', each sending its own direction), or in
 * every partition when none are named (failures and routing are simulated in each).
 */
export interface Placed {
  start: Startable;
  nodes?: readonly string[];
}
