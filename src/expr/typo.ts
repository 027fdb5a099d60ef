// "Did you mean …?" for names one edit away from a built-in.

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length < 3) return undefined;
  let best: string | undefined;
  for (const c of candidates) {
    if (c.length < 3 || c === name) continue;
    // A three-letter built-in is one added letter away from many real names (`cost`, `sums`,
    // `logs`, `expo`): for those only a same-length slip (`lgo`, `Exp`) counts as a typo.
    if (c.length === 3 && name.length !== 3) continue;
    // One edit changes the length by at most one: skip the O(n·m) table for anything else (a
    // 100,000-letter name must not cost 35 such tables).
    if (Math.abs(c.length - name.length) > 1) continue;
    if (editDistance(name.toLowerCase(), c) <= 1 && (best === undefined || c.length < best.length)) best = c;
  }
  return best;
}
