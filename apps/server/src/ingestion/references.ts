import { type FormDefinition, safeParseFormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";

/**
 * Immutable facts the hot path needs on every report (a form version's definition, a station's
 * election, an observer's, team's or visit's mission, an election's phases), read once from the
 * store and kept in memory. Published form versions never change and stations, observers, teams
 * and visits never move, so entries need no expiry; unknown ids (and phases) are looked up again,
 * so newly imported ones are found. A row deleted since it was cached is refused by the
 * database's foreign key, and the group commit isolates that one report.
 */
export class ReferenceCache {
  private readonly forms = new Map<
    string,
    { definition: FormDefinition; electionId: string; missionId: string | null }
  >();
  private readonly stationElections = new Map<string, string>();
  private readonly observers = new Map<string, { missionId: string; electionId: string }>();
  private readonly teamMissions = new Map<string, string>();
  private readonly visitMissions = new Map<string, string>();
  private readonly phases = new Map<string, ReadonlySet<string>>();

  constructor(private readonly store: Store) {}

  async formVersion(formId: string, version: number) {
    const key = `${formId}@${version}`;
    const cached = this.forms.get(key);
    if (cached) return cached;
    const stored = await this.store.forms.getVersion(formId, version);
    if (stored === undefined) return undefined;
    const parsed = safeParseFormDefinition(stored.definition);
    if (!parsed.ok)
      throw new Error(`stored form ${key} is invalid: ${parsed.error[0]?.message ?? "unknown"}`);
    const entry = { definition: parsed.value, electionId: stored.electionId, missionId: stored.missionId };
    this.forms.set(key, entry);
    return entry;
  }

  async stationElection(stationId: string): Promise<string | undefined> {
    const cached = this.stationElections.get(stationId);
    if (cached) return cached;
    const electionId = await this.store.elections.stationElection(stationId);
    if (electionId) this.stationElections.set(stationId, electionId);
    return electionId;
  }

  async observer(observerId: string): Promise<{ missionId: string; electionId: string } | undefined> {
    const cached = this.observers.get(observerId);
    if (cached) return cached;
    const context = await this.store.missions.observerContext(observerId);
    if (context) this.observers.set(observerId, context);
    return context;
  }

  teamMission(teamId: string): Promise<string | undefined> {
    return remembered(this.teamMissions, teamId, () => this.store.missions.teamMission(teamId));
  }

  visitMission(visitId: string): Promise<string | undefined> {
    return remembered(this.visitMissions, visitId, () => this.store.missions.visitMission(visitId));
  }

  async hasPhase(electionId: string, phaseCode: string): Promise<boolean> {
    if (this.phases.get(electionId)?.has(phaseCode)) return true;
    const codes = new Set(await this.store.elections.phaseCodes(electionId));
    this.phases.set(electionId, codes);
    return codes.has(phaseCode);
  }
}

async function remembered(
  cache: Map<string, string>,
  key: string,
  read: () => Promise<string | undefined>,
): Promise<string | undefined> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = await read();
  if (value !== undefined) cache.set(key, value);
  return value;
}
