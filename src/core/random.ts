import alea from 'seedrandom/lib/alea.js';

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** Write the 128-bit xoshiro state for stream `key` (seeded by seedrandom's Alea hash) at `state[offset..offset+3]`. */
function seedState(key: string, state: Int32Array, offset: number): void {
  const hash = alea(key);
  for (let k = 0; k < 4; k++) state[offset + k] = hash.int32();
  if ((state[offset]! | state[offset + 1]! | state[offset + 2]! | state[offset + 3]!) === 0) state[offset] = 1;
}

/**
 * Uniform on [0, 1), 53 bits of resolution, from the xoshiro128** state at `state[offset..]`
 * (advanced twice). The two steps are written out: a helper returning a 32-bit output would box it
 * (V8 keeps only 31-bit integers unboxed) on every call it does not inline.
 */
function uniformAt(state: Int32Array, offset: number): number {
  let s0 = state[offset]!;
  let s1 = state[offset + 1]!;
  let s2 = state[offset + 2]! ^ s0;
  let s3 = state[offset + 3]! ^ s1;
  const high = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 5;
  s2 ^= s1 << 9;
  s0 ^= s3;
  s1 ^= s2 ^ (s1 << 9);
  s3 = rotl(s3, 11);
  s2 ^= s0;
  s3 ^= s1;
  const low = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 6;
  state[offset] = s0 ^ s3;
  state[offset + 1] = s1 ^ s2;
  state[offset + 2] = s2 ^ (s1 << 9);
  state[offset + 3] = rotl(s3, 11);
  return (high * TWO_POW_26 + low) / TWO_POW_53;
}

/** Exponential with mean `mean` from the generator state at `state[offset..]` (same draws as RandomStream.exponential). */
export function exponentialAt(state: Int32Array, offset: number, mean: number): number {
  return -mean * Math.log(1 - uniformAt(state, offset));
}

/**
 * One independent pseudo-random stream: xoshiro128** (Blackman and Vigna), its 128-bit state seeded
 * by seedrandom's Alea hash of the stream's key. The generator is a plain class rather than
 * seedrandom's per-instance closures, which V8 must optimize one by one: with 10,000 flows the
 * closures stayed unoptimized and allocated on every draw (measured 8x slower per packet). The state
 * is an Int32Array, not four fields, because V8 boxes integers beyond 30 bits held in fields. Hot
 * components with thousands of instances keep their generators in a table of their own instead
 * (`RandomStreams.seedInto`, `exponentialAt`).
 */
export class RandomStream {
  private readonly state = new Int32Array(4);

  constructor(key: string) {
    seedState(key, this.state, 0);
  }

  /** Uniform on [0, 1), 53 bits of resolution. */
  uniform(): number {
    return uniformAt(this.state, 0);
  }

  /** Uniform on (0, 1]: safe to take the logarithm of. */
  private positive(): number {
    return 1 - this.uniform();
  }

  exponential(mean: number): number {
    return exponentialAt(this.state, 0, mean);
  }

  /** Pareto with the given mean and shape (> 1); scale = mean (shape - 1) / shape. */
  pareto(mean: number, shape: number): number {
    const scale = (mean * (shape - 1)) / shape;
    return scale / Math.pow(this.positive(), 1 / shape);
  }

  /** Weibull with the given mean and shape k: scale = mean / Gamma(1 + 1/k). */
  weibull(mean: number, shape: number): number {
    const scale = mean / gamma(1 + 1 / shape);
    return scale * Math.pow(-Math.log(this.positive()), 1 / shape);
  }

  /** Log-normal with the given mean and sigma (of the underlying normal): mu = ln(mean) - sigma^2 / 2. */
  lognormal(mean: number, sigma: number): number {
    return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * this.normal());
  }

  /** Standard normal (Box-Muller; one of the pair is used). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.positive())) * Math.cos(2 * Math.PI * this.uniform());
  }
}

/** Gamma function (Lanczos approximation, g = 7), accurate to about 15 digits for x > 0. */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

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
    return new RandomStream(this.key(name));
  }

  /** Seed the generator of stream `name` into a table's `state[offset..offset+3]` (see `exponentialAt`). */
  seedInto(name: string, state: Int32Array, offset: number): void {
    seedState(this.key(name), state, offset);
  }

  private key(name: string): string {
    if (this.issued.has(name)) throw new Error(`random stream '${name}' requested twice`);
    this.issued.add(name);
    return `ersim|${this.seed}|${this.replication}|${name}`;
  }
}

const TWO_POW_32 = 4294967296;

/** Murmur3's finalizer: a bijection of 32-bit words in which every input bit flips about half the output bits. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Fold a whole number below 2^53 (a time, a byte sequence number) into the hash `h`. */
function absorb(h: number, x: number): number {
  const low = x % TWO_POW_32 | 0;
  const high = Math.floor(x / TWO_POW_32) | 0;
  return mix32(mix32(h ^ low) + 0x9e3779b9 ^ high);
}

/**
 * A uniform on [0, 1) that depends only on a key and five whole numbers (a counter-based generator,
 * as Salmon et al.'s Philox: no state, so a decision about one packet never depends on how many
 * packets of other flows came before it). `key0` and `key1` come from a named stream, so seeds and
 * replications vary it as they vary every stream. 53 bits: one chain of murmur3 mixing, two outputs.
 */
export function keyedUniform(key0: number, key1: number, a: number, b: number, c: number, d: number, e: number): number {
  const h = absorb(absorb(absorb(absorb(absorb(key0, a), b), c), d), e);
  // two 32-bit outputs of the one chain, each mixed with the second key
  const high = mix32(h ^ key1);
  const low = mix32((high + 0x9e3779b9) ^ key1);
  return ((high >>> 5) * TWO_POW_26 + (low >>> 6)) / TWO_POW_53;
}

