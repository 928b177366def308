// The default indicator set of a mission and the default cross-mission matches of an election.
import type { Repositories } from "@scrutiny/store";
import { defaultIndicators, defaultMatchCodes } from "./definitions.ts";

interface MissionLike {
  readonly id: string;
  readonly kind: string;
}

/** Stores the default indicators of each mission (version 1) and matches them across missions. */
export async function seedDefaultAnalysis(
  repositories: Pick<Repositories, "analysis">,
  electionId: string,
  missions: readonly MissionLike[],
): Promise<void> {
  for (const mission of missions) {
    const defaults = defaultIndicators({ headCounts: mission.kind === "domestic" });
    await repositories.analysis.seedIndicators(
      mission.id,
      defaults.map((d) => ({ code: d.code, definition: d.definition as unknown as Record<string, unknown> })),
    );
  }
  for (const match of defaultMatchCodes()) {
    await repositories.analysis.saveMatch({
      electionId,
      code: match.code,
      name: match.name,
      members: Object.fromEntries(missions.map((m) => [m.id, match.code])),
      // The defaults are the election's, changed only by its administrators.
      missionId: null,
    });
  }
}
