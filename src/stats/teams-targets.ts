/**
 * Network targets for real-time media, each judged at the 95th percentile of 15-second windows
 * (the planner's figures, Microsoft Teams' own, are in src/planner/azure/facts.ts).
 */
export interface TeamsTargets {
  oneWayMs: number;
  roundTripMs: number;
  /** Loss in any 200 ms. */
  burstLoss: number;
  /** Loss in any 15 s. */
  loss: number;
  jitterMs: number;
  reordering: number;
}

/** The Teams targets' window ("in any 15 s"), as the receivers measure it. */
export { QUALITY_WINDOW as TEAMS_WINDOW } from '../probes/media-quality.js';
