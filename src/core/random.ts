import seedrandom from 'seedrandom';

/** One independent pseudo-random stream. */
export class RandomStream {
  private readonly next: () => number;

  constructor(key: string) {
    this.next = seedrandom.alea(key);
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform on (0, 1]: safe to take the logarithm of. */
  private positive(): number {
    return 1 - this.next();
  }

  exponential(mean: number): number {
    return -mean * Math.log(this.positive());
  }

  /** Pareto with the given mean and shape (> 1); scale = mean (shape - 1) / shape. */
  pareto(mean: number, shape: number): number {
    const scale = (mean * (shape - 1)) / shape;
    return scale / Math.pow(this.positive(), 1 / shape);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * Named random streams: the stream for a name depends only on (seed, replication, name), so adding
 * a flow or a link never changes the randomness seen by the others, and one replication can be
 * reproduced alone.
 */
export class RandomStreams {
  private readonly issued = new Set<string>();

  constructor(
    readonly seed: number,
    readonly replication: number,
  ) {}

  stream(name: string): RandomStream {
    if (this.issued.has(name)) throw new Error(`random stream '${name}' requested twice`);
    this.issued.add(name);
    return new RandomStream(`ersim|${this.seed}|${this.replication}|${name}`);
  }
}
