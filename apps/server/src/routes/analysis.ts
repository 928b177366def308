import { analysisTables, IndicatorDefinition, analysis as routes } from "@scrutiny/contract";
import { canonicalJson, choiceLabel, indicatorQuestionNames } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { compileIndicator } from "../analysis/definitions.ts";
import { type AnalysisIssue, AnalysisService } from "../analysis/service.ts";
import { requireMission } from "../deployment/access.ts";
import { areaFeatures } from "../deployment/shapes.ts";
import { sendTables } from "../exports/send.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

/** Where an indicator names a question: its condition, its assessment scale, or its question. */
function questionField(definition: IndicatorDefinition, name: string): string[] {
  if (definition.kind !== "share") return ["question"];
  return definition.assessment?.question === name && !definition.condition.includes(`\${${name}}`)
    ? ["assessment", "question"]
    : ["condition"];
}

/**
 * Analysis: indicators (versioned, per mission), their estimates with design-based intervals,
 * breakdowns, observer effects, PVT and turnout check, and missions side by side.
 */
export function analysisRoutes(
  app: FastifyInstance,
  store: Store,
  service = new AnalysisService(store),
): void {
  const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: AnalysisIssue }): T => {
    if (!r.ok) throw notFound(r.error.what ?? "mission", r.error.name, r.error.message);
    return r.value;
  };

  registerRoute(app, routes.listIndicators, async ({ params }) => {
    const { missionId } = params;
    const frame = await store.analysis.missionFrame(missionId);
    if (frame === undefined) throw notFound("mission");
    const ctx = unwrap(await service.context(missionId));
    return {
      indicators: ctx.indicators.map((i) => ({
        code: i.code,
        version: i.version,
        definition: i.definition,
      })),
      invalid: ctx.invalid,
    };
  });

  registerRoute(app, routes.indicatorVersions, async ({ params }) => {
    const { missionId, code } = params;
    const versions = await store.analysis.indicatorHistory(missionId, code);
    if (versions.length === 0) throw notFound("indicator");
    return { versions };
  });

  registerRoute(app, routes.saveIndicator, async ({ reply, user, params, body }) => {
    const { missionId, code } = params;
    const definition = body;
    const compiled = compileIndicator({ code, version: 0, definition });
    if (!compiled.ok)
      throw new HttpError(422, "invalid_indicator", compiled.error.message, {
        issues: [
          {
            path: ["body", ...compiled.error.path.split(".")],
            code: "invalid_indicator",
            message: compiled.error.message,
          },
        ],
      });
    const frame = await store.analysis.missionFrame(missionId);
    if (frame === undefined) throw notFound("mission");
    // Every answer the indicator reads must be a question of the forms it counts reports of.
    const forms = await store.forms.listForElection(frame.mission.electionId);
    const known = indicatorQuestionNames(forms, definition.formKind, missionId);
    const unknown = compiled.value.questions.filter((name) => !known.has(name));
    if (unknown.length > 0)
      throw new HttpError(
        422,
        "unknown_question",
        `the ${definition.formKind} forms have no question ${unknown.map((n) => `'${n}'`).join(", ")}`,
        {
          issues: unknown.map((name) => ({
            path: ["body", ...questionField(definition, name)],
            code: "unknown_question",
            message: `no question '${name}' in the ${definition.formKind} forms`,
            question: name,
          })),
          questions: [...known].sort(),
        },
        { names: unknown },
      );
    // Saving what is already the current version publishes nothing new: the stored definition
    // is read as the body is (defaults filled in), so a field left out is no change either.
    const last = (await store.analysis.indicatorHistory(missionId, code)).at(-1);
    const current = last === undefined ? undefined : IndicatorDefinition.safeParse(last.definition);
    if (
      last !== undefined &&
      !last.retired &&
      current?.success &&
      canonicalJson(current.data) === canonicalJson(definition)
    )
      return reply.code(200).send({ indicator: last, unchanged: true });
    const saved = await store.analysis.saveIndicator({
      missionId,
      code,
      definition: definition as unknown as Record<string, unknown>,
      createdBy: user.id,
    });
    return reply.code(saved.version === 1 ? 201 : 200).send({ indicator: saved, unchanged: false });
  });

  registerRoute(app, routes.retireIndicator, async ({ user, params }) => {
    const { missionId, code } = params;
    const history = await store.analysis.indicatorHistory(missionId, code);
    const last = history[history.length - 1];
    if (last === undefined || last.retired) throw notFound("indicator");
    const saved = await store.analysis.saveIndicator({
      missionId,
      code,
      definition: last.definition,
      retired: true,
      createdBy: user.id,
    });
    return { indicator: saved };
  });

  registerRoute(app, routes.estimates, async ({ params, query }) => {
    const { missionId } = params;
    return unwrap(
      await service.estimates(missionId, {
        areaLevel: query.areaLevel,
        minCellUnits: query.minCell,
        planVersion: query.planVersion,
      }),
    );
  });

  registerRoute(app, routes.observerEffects, async ({ params }) => {
    const { missionId } = params;
    return unwrap(await service.observerEffects(missionId));
  });

  registerRoute(app, routes.analysisExport, async ({ params, query, reply }) => {
    const { missionId } = params;
    const estimates = unwrap(
      await service.estimates(missionId, {
        areaLevel: query.areaLevel,
        minCellUnits: query.minCell,
        planVersion: query.planVersion,
      }),
    );
    const effects = unwrap(await service.observerEffects(missionId)).effects;
    const pvt = unwrap(await service.pvt(missionId));
    const language = analysisTables.tableLanguage(query.language);
    // Incident categories by their choices' labels, as the page shows them: the forms' (a
    // mission's own forms are the mission's).
    const mission = await requireMission(store, missionId);
    const forms = (await store.forms.listForElection(mission.electionId)).filter(
      (f) => f.missionId === null || f.missionId === missionId,
    );
    const tables = analysisTables.analysisTables(
      estimates,
      effects,
      pvt,
      language,
      (kind, question, category) => choiceLabel(forms, kind, question, category, language),
    );
    return sendTables(reply, tables, query.format, `analysis-${estimates.mission.code}`, query.table);
  });

  registerRoute(app, routes.pvt, async ({ params }) => {
    const { missionId } = params;
    return unwrap(await service.pvt(missionId));
  });

  registerRoute(app, routes.comparison, async ({ params }) => {
    const { electionId } = params;
    return unwrap(await service.comparison(electionId));
  });

  registerRoute(app, routes.listMatches, async ({ params }) => {
    const { electionId } = params;
    return { matches: await store.analysis.matches(electionId) };
  });

  registerRoute(app, routes.saveMatch, async ({ user, params, body }) => {
    const { electionId, code } = params;
    const missions = new Set((await store.analysis.missionsOfElection(electionId)).map((m) => m.id));
    const strangers = Object.keys(body.members).filter((id) => !missions.has(id));
    if (strangers.length > 0)
      throw new HttpError(422, "invalid_match", "members must be missions of this election", {
        missions: strangers,
      });
    // A new match is the caller's mission's; replacing one keeps its owner (the policy checked it).
    await store.analysis.saveMatch({
      electionId,
      code,
      name: body.name,
      members: body.members,
      missionId: user.missionId,
    });
    return { matches: await store.analysis.matches(electionId) };
  });

  registerRoute(app, routes.deleteMatch, async ({ params }) => {
    const { electionId, code } = params;
    if (!(await store.analysis.deleteMatch(electionId, code))) throw notFound("indicator_match");
    return { matches: await store.analysis.matches(electionId) };
  });

  registerRoute(app, routes.regions, async ({ params }) => {
    const { electionId } = params;
    return areaFeatures(store, electionId);
  });
}
