// What a coordinator asks for when drawing a deployment plan; shared by the API, the CLI and the
// web app. The draw itself is pure code in @scrutiny/stats (sampling).
import { z } from "zod";
import { Code } from "../election/ids.ts";

export const Allocation = z.enum(["proportional", "fixed"]);
export type Allocation = z.infer<typeof Allocation>;

/** A seed for the generator: the same seed and frame give the same sample. */
export const SampleSeed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A stratification variable: an area level (`region`) or a station attribute (`settlement`). */
export const StratumVariable = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_.-]+$/u, "letters, digits, _ . -");

export const SamplePlanRequest = z.discriminatedUnion("design", [
  z.object({
    design: z.literal("simple_random"),
    size: z.number().int().min(1).max(1_000_000),
    seed: SampleSeed,
    /** Reserve stations drawn after the sample, in order, to replace unreachable ones. */
    reserve: z.number().int().min(0).max(100_000).default(0),
  }),
  z.object({
    design: z.literal("stratified"),
    strata: z.array(StratumVariable).min(1).max(4),
    allocation: Allocation.default("proportional"),
    size: z.number().int().min(1).max(1_000_000),
    /** Per-stratum sample sizes; overrides the allocation for the strata it names. */
    sizes: z.record(z.string(), z.number().int().min(0)).optional(),
    seed: SampleSeed,
    /** Reserve stations per stratum. */
    reserve: z.number().int().min(0).max(100_000).default(0),
  }),
  z.object({
    design: z.literal("convenience"),
    /** The stations the mission chose itself; its findings do not generalise. */
    stationCodes: z.array(Code).min(1).max(200_000),
  }),
]);
export type SamplePlanRequest = z.infer<typeof SamplePlanRequest>;
export type SamplePlanRequestInput = z.input<typeof SamplePlanRequest>;
