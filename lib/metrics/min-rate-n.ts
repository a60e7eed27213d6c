// The minimum denominator below which a rate is not shown (spec/metrics.md: n ≥ 10 unless configured).
// Read from MIN_RATE_N with zod; the environment is passed in so tests need no process.env.
//   const minN = readMinRateN(process.env);
import { z } from "zod";
import { DEFAULT_MIN_DENOMINATOR } from "@/lib/metrics/compute-rate";

const minRateEnvSchema = z.object({
  MIN_RATE_N: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_MIN_DENOMINATOR),
  ),
});

export function readMinRateN(env: Readonly<Record<string, string | undefined>>): number {
  const parsed = minRateEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid MIN_RATE_N: ${z.prettifyError(parsed.error)} (a whole number ≥ 1, default 10)`);
  }
  return parsed.data.MIN_RATE_N;
}
