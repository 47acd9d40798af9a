/** One benchmark: `run` does a fixed amount of work and says how much. */
export interface BenchCase {
  name: string;
  setup?: () => void;
  run: () => { events: number; packetHops: number; simulatedSeconds?: number };
}
