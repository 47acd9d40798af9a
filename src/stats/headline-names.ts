/**
 * The headline maxima (over every link, flow or call direction of a run) whose owner sweep.csv
 * names, each with the column that names it: a maximum can be one the planner did not mean.
 */
export const MAXIMUM_NAMED_BY: Readonly<Record<string, string>> = {
  max_utilization: 'max_utilization_link',
  delay_p99_ms: 'delay_p99_flow',
  call_delay_p95_ms: 'call_delay_p95_call',
};
