/** How the benchmarks summarise their samples. */

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** "12.3 ms [10.1–15.0]": the median, then the smallest and largest. */
export const spread = (values: number[]): string =>
  `${median(values).toFixed(1)} ms [${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}]`

export const verdict = (value: number, budget: number): string => (value <= budget ? 'within' : 'OVER')
