/** Spelling suggestions for error messages: which known name an unknown one was meant to be. */

/** Edit distance (insertions, deletions, substitutions, two neighbours swapped), given up past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** The name of `known` that `unknown` most likely misspells or abbreviates, if one is near enough. */
export function nearestName(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const limit = Math.max(1, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const name of known) {
    const k = name.toLowerCase();
    const d = editDistance(lower, k, limit);
    // isp_delay for delay, bandwidth_mbps for bandwidth: a known name inside the unknown one
    const score = d <= limit ? d : k.length >= 4 && (lower.includes(k) || k.includes(lower)) ? limit + 1 : Infinity;
    if (score < bestScore) {
      bestScore = score;
      best = name;
    }
  }
  return best;
}

/** The `count` names closest in spelling to `name` (each once), nearest first. */
export function nearestNames(name: string, names: Iterable<string>, count = 3): string[] {
  const lower = name.toLowerCase();
  const scored = [...new Set(names)].map((n) => [n, editDistance(lower, n.toLowerCase())] as const);
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, count).map(([n]) => n);
}
