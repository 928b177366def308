// Types for observer-effect estimation on an ordered assessment scale
// (1 very good, 2 good, 3 bad, 4 very bad by default).
import type { Observation } from "../design/types.ts";

/** One assessment: a team's score for a station on the ordered scale (higher = worse). */
export type AssessmentObservation = Observation<number>;
