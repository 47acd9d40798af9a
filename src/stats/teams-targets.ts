/** Teams network targets (modeling-facts.md): each holds at the 95th percentile of 15-second windows. */
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

export const TEAMS_TARGETS: Record<'teams-client' | 'teams-edge', TeamsTargets> = {
  /** From the client to the Microsoft edge. */
  'teams-client': { oneWayMs: 50, roundTripMs: 100, burstLoss: 0.1, loss: 0.01, jitterMs: 30, reordering: 0.0005 },
  /** From the customer edge to the Microsoft edge. */
  'teams-edge': { oneWayMs: 30, roundTripMs: 60, burstLoss: 0.01, loss: 0.001, jitterMs: 15, reordering: 0.0001 },
};
