import { z } from "zod";
import { Id } from "./ids.ts";

/** The official protocol of one station in one contest, as the commission published it. */
export const OfficialResult = z.object({
  stationId: Id,
  contestId: Id,
  registeredVoters: z.number().int().nonnegative(),
  ballotsIssued: z.number().int().nonnegative(),
  /** Ballots issued before election day (sum over early-voting days). */
  ballotsIssuedEarly: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  /** Votes per candidate code. */
  votes: z.record(z.string(), z.number().int().nonnegative()),
  /** Turnout the commission reported per phase code (voters who had voted by then). */
  turnoutByPhase: z.record(z.string(), z.number().int().nonnegative()),
});
export type OfficialResult = z.infer<typeof OfficialResult>;
