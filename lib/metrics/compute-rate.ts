// A rate from summed inputs, with the minimum-denominator rule of spec/metrics.md: shown only when its
// denominator n ≥ the threshold (default 10), and n is always returned to be shown beside it.
// Sums over a region add numerators and denominators first and call this once — never average rates.

export const DEFAULT_MIN_DENOMINATOR = 10;

export interface RateValue {
  /** scale × numerator / denominator, or null when an input is missing or n is below the threshold. */
  value: number | null;
  n: number | null;
}

export function computeRate(options: {
  numerator: number | null;
  denominator: number | null;
  scale?: number;
  minDenominator?: number;
}): RateValue {
  const { numerator, denominator, scale = 100, minDenominator = DEFAULT_MIN_DENOMINATOR } = options;
  if (denominator === null) return { value: null, n: null };
  if (numerator === null || denominator <= 0 || denominator < minDenominator) {
    return { value: null, n: denominator };
  }
  return { value: (scale * numerator) / denominator, n: denominator };
}
