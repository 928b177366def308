// What the public portal reads: published snapshots only. Figures come from each snapshot's own
// estimates.csv (typed by its Table Schema), names from the snapshot's descriptor, so nothing that
// was not published (later reports, retired indicators, renamed missions) can appear.
import type { publications as contract } from "@scrutiny/contract";
import type { Estimate } from "@scrutiny/stats";
import type { PublicationSummary, Store } from "@scrutiny/store";
import type { z } from "zod";
import { estimateDifference } from "../analysis/difference.ts";
import { ESTIMATE_COLUMNS, INCIDENT_COLUMNS } from "./figures.ts";
import { forensicsSummary, observerEffectsSummary } from "./forensics-summary.ts";
import { readPackage, typedRow } from "./package.ts";
import { fileMap } from "./publish.ts";

type Snapshot = z.infer<typeof contract.PublishedSnapshot>;
type EstimateRow = contract.EstimateRow;
type IncidentRow = contract.IncidentRow;
type PublicElection = contract.PublicElection;

const CACHE_SIZE = 64;

export class PortalService {
  /** Snapshots are immutable: a parsed one is kept (a few, most recent last). */
  private readonly cache = new Map<string, Snapshot>();

  constructor(private readonly store: Store) {}

  async snapshot(id: string): Promise<Snapshot | undefined> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const publication = await this.store.publications.get(id);
    if (publication === undefined) return undefined;
    const read = readPackage(fileMap(await this.store.publications.files(id)));
    if (!read.ok) throw new Error(`publication ${id} does not read: ${read.error}`);
    const { data, published } = read.value;
    const estimates = published.estimates.map(
      (row) => typedRow(ESTIMATE_COLUMNS, row) as unknown as EstimateRow,
    );
    const incidents = published.incidents.map(
      (row) => typedRow(INCIDENT_COLUMNS, row) as unknown as IncidentRow,
    );
    const snapshot: Snapshot = {
      publication,
      mission: data.meta.mission,
      election: data.meta.election,
      design: data.meta.design,
      plan: data.meta.plan,
      areaLevel: data.meta.areaLevel,
      licence: data.meta.licence,
      reports: data.reports.length,
      phases: data.phases.map((p) => ({ code: p.code, name: p.name })),
      areas: data.areas
        .filter((a) => a.level === data.meta.areaLevel)
        .map((a) => ({ code: a.code, level: a.level, name: a.name })),
      indicators: data.indicators.map((indicator) => {
        const rows = estimates.filter((r) => r.indicator === indicator.code);
        return {
          code: indicator.code,
          version: indicator.version,
          definition: indicator.definition as Snapshot["indicators"][number]["definition"],
          overall: rows.find((r) => r.breakdown === "overall") ?? null,
          byPhase: rows.filter((r) => r.breakdown === "phase"),
          byArea: rows.filter((r) => r.breakdown === "area"),
          incidents: incidents.filter((r) => r.indicator === indicator.code),
          categories: indicator.categories ?? {},
        };
      }),
      forensics: data.forensics.flatMap((f) => {
        const report = published.forensics.find((p) => p.name === f.name)?.report;
        return report === null || report === undefined ? [] : [forensicsSummary(f.name, f.inputs, report)];
      }),
      observerEffects: (published.observerEffects ?? []).map(observerEffectsSummary),
    };
    if (this.cache.size >= CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(id, snapshot);
    return snapshot;
  }

  /** Elections with published snapshots; names as the latest snapshot of each mission states them. */
  async elections(electionId?: string): Promise<PublicElection[]> {
    const all = await this.store.publications.list(electionId === undefined ? {} : { electionId });
    const byElection = new Map<string, Map<string, PublicationSummary[]>>();
    for (const p of all) {
      const missions = byElection.get(p.electionId) ?? new Map<string, PublicationSummary[]>();
      missions.set(p.missionId, [...(missions.get(p.missionId) ?? []), p]);
      byElection.set(p.electionId, missions);
    }
    const out: PublicElection[] = [];
    for (const [id, missions] of byElection) {
      const latest = [...missions.values()].map((list) => list[0]).filter((p) => p !== undefined);
      const snapshots = (await Promise.all(latest.map((p) => this.snapshot(p.id)))).filter(
        (s): s is Snapshot => s !== undefined,
      );
      const newest = snapshots[0];
      if (newest === undefined) continue;
      const [summary] = await Promise.all([this.store.elections.summary(id)]);
      out.push({
        ...newest.election,
        country: summary?.country ?? "",
        missions: snapshots
          .map((s) => ({ ...s.mission, publications: missions.get(s.mission.id) ?? [] }))
          .sort((a, b) => a.code.localeCompare(b.code)),
      });
    }
    return out.sort((a, b) => b.date.localeCompare(a.date) || a.code.localeCompare(b.code));
  }

  /**
   * Missions side by side on matched indicators, each from its latest snapshot: the analysts'
   * stored matches, else every indicator code that two or more missions published.
   */
  async comparison(election: PublicElection): Promise<contract.PublishedComparisonRow[]> {
    const latest = new Map<string, Snapshot>();
    for (const m of election.missions) {
      const first = m.publications[0];
      const s = first === undefined ? undefined : await this.snapshot(first.id);
      if (s !== undefined) latest.set(m.id, s);
    }
    const stored = await this.store.analysis.matches(election.id);
    let matches: { members: Record<string, string> }[] = stored;
    if (matches.length === 0) {
      const byCode = new Map<string, { name: Record<string, string>; members: Record<string, string> }>();
      for (const [missionId, s] of latest)
        for (const indicator of s.indicators) {
          const m = byCode.get(indicator.code) ?? { name: indicator.definition.name, members: {} };
          m.members[missionId] = indicator.code;
          byCode.set(indicator.code, m);
        }
      matches = [...byCode.entries()].filter(([, m]) => Object.keys(m.members).length > 1).map(([, m]) => m);
    }
    const rows = matches.map((match) => {
      const members = election.missions.map((m) => {
        const s = latest.get(m.id);
        const indicator = s?.indicators.find((i) => i.code === match.members[m.id]);
        const estimate = indicator?.overall ?? null;
        return {
          missionId: m.id,
          missionCode: m.code,
          publicationId: s?.publication.id ?? null,
          // Only codes and names the missions published: never the analysts' unpublished ones.
          indicatorCode: indicator?.code ?? null,
          name: indicator?.definition.name,
          estimate: estimate?.value === null ? null : estimate,
        };
      });
      const first = members.find((m) => m.indicatorCode !== null);
      const differences: contract.PublishedComparisonRow["differences"] = [];
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i];
          const b = members[j];
          if (!a?.estimate || !b?.estimate) continue;
          const d = estimateDifference(asEstimate(a.estimate), asEstimate(b.estimate));
          if (d !== null && Number.isFinite(d.difference))
            differences.push({
              a: a.missionId,
              b: b.missionId,
              difference: d.difference,
              lower: d.lower,
              upper: d.upper,
              pValue: d.pValue,
              generalises: d.generalises,
            });
        }
      return {
        code: first?.indicatorCode ?? "",
        name: first?.name ?? {},
        members: members.map(({ name: _, ...member }) => member),
        differences,
        published: members.filter((m) => m.estimate !== null).length,
      };
    });
    return rows.filter((r) => r.published > 1).map(({ published: _, ...row }) => row);
  }
}

/** A published row as the estimators' Estimate (every field it needs is in the row). */
function asEstimate(row: EstimateRow): Estimate {
  return {
    kind: row.kind as Estimate["kind"],
    value: row.value ?? Number.NaN,
    numerator: row.numerator ?? 0,
    denominator: row.denominator ?? 0,
    stations: row.stations ?? 0,
    unit: row.unit as Estimate["unit"],
    exclusions: row.exclusions ?? {},
    standardError: row.standard_error ?? Number.NaN,
    ci: {
      lower: row.ci_lower ?? Number.NaN,
      upper: row.ci_upper ?? Number.NaN,
      level: row.ci_level ?? 0.95,
      method: row.ci_method as Estimate["ci"]["method"],
    },
    design: row.design as Estimate["design"],
    generalises: row.generalises ?? false,
    note: row.note === "" ? null : row.note,
    smallCell: row.small_cell ?? false,
    designEffect: row.design_effect,
    effectiveSampleSize: row.effective_sample_size,
    warnings: row.warnings ?? [],
  };
}
