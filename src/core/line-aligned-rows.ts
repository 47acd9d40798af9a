/**
 * Doubles to leave before the first row of a typed array whose rows are 64 or 128 bytes long, so
 * that every row starts on a cache line: glibc puts a large allocation 16 bytes into a page, and
 * 16 + 6 x 8 = 64. Where a buffer lies elsewhere a row may straddle two lines; only the speed
 * depends on it (docs/performance.md: the packets' and the calls' rows).
 */
export const LINE_ALIGNED_BASE = 6;
