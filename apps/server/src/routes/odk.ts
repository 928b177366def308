import { Readable } from "node:stream";
import fastifyMultipart from "@fastify/multipart";
import { odk as contract, type RouteContract } from "@scrutiny/contract";
import {
  ATTACHMENT_QUESTION_TYPES,
  FORM_KINDS_BY_PHASE,
  type FormDefinition,
  formToXForm,
  type Phase,
  questionsOf,
  readXFormInstance,
  safeParseFormDefinition,
  type User,
  xformAnswers,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { storeAttachment } from "../attachments/store-attachment.ts";
import type { SignInGuard } from "../auth/sign-in-guard.ts";
import { HttpError } from "../http/errors.ts";
import { enforcePolicy } from "../http/policy.ts";
import { declaredRouteOptions } from "../http/route.ts";
import type { SubmissionIngestion } from "../ingestion/ingest.ts";
import { BasicAuthenticator, challenge } from "../odk/basic-auth.ts";
import {
  formListXml,
  MAX_SUBMISSION_BYTES,
  manifestXml,
  OPENROSA_VERSION,
  openRosaHash,
  responseXml,
} from "../odk/openrosa.ts";

const FormParams = contract.OdkFormParams;
const FormListQuery = contract.formList.query;

/**
 * ODK Collect as an observer's app: the OpenRosa Form List, the forms as XForms (generated from
 * the definition, with the observer's own route as the first question), their manifests, and
 * Form Submission (multipart: the instance XML plus attachments). Submissions are turned into
 * the same envelope as every other channel and go through the same ingestion (channel "odk"),
 * so the same validation, idempotency on the report's id (ODK's instanceID) and receipts apply.
 * Mounted under /odk: the server URL to give ODK Collect is https://<host>/odk.
 */
export function odkRoutes(
  app: FastifyInstance,
  store: Store,
  ingestion: SubmissionIngestion,
  signInGuard: SignInGuard,
): void {
  const auth = new BasicAuthenticator(signInGuard);

  void app.register(async (odk) => {
    // Multipart only here: nowhere else takes multipart bodies.
    await odk.register(fastifyMultipart, {
      limits: { fileSize: MAX_SUBMISSION_BYTES, files: 50, fields: 50, parts: 100 },
    });
    odk.addHook("onSend", async (_request, reply) => {
      reply.header("X-OpenRosa-Version", OPENROSA_VERSION);
    });

    odk.route({
      ...declaredRouteOptions(contract.formList),
      handler: async (request, reply) => {
        const observer = await requireObserver(request, reply, contract.formList);
        if (observer === undefined) return reply;
        // The handler reads its own input (declared routes' validation is off): formID twice is a 400.
        const query = FormListQuery.safeParse(request.query);
        if (!query.success) return xml(reply, 400, responseXml("formID must be given at most once", "error"));
        const { formID } = query.data;
        const base = baseUrl(request);
        const entries = (await observerForms(observer))
          .filter((form) => formID === undefined || form.formId === formID)
          .map((form) => ({
            formId: form.formId,
            name: form.definition.title[form.definition.defaultLanguage] ?? form.code,
            version: String(form.version),
            hash: openRosaHash(form.xml),
            descriptionText: form.code,
            downloadUrl: `${base}/odk/forms/${form.formId}/${form.version}/form.xml`,
            manifestUrl: `${base}/odk/forms/${form.formId}/${form.version}/manifest`,
          }));
        return xml(reply, 200, formListXml(entries));
      },
    });

    odk.route({
      ...declaredRouteOptions(contract.formXml),
      handler: async (request, reply) => {
        const observer = await requireObserver(request, reply, contract.formXml);
        if (observer === undefined) return reply;
        const form = await observerForm(observer, request.params);
        if (form === undefined)
          return xml(reply, 404, responseXml("no such form for this observer", "error"));
        return xml(reply, 200, form.xml);
      },
    });

    odk.route({
      ...declaredRouteOptions(contract.manifest),
      handler: async (request, reply) => {
        const observer = await requireObserver(request, reply, contract.manifest);
        if (observer === undefined) return reply;
        // Only the observer's own forms have a manifest here; others' look like they do not exist.
        const form = await observerForm(observer, request.params);
        if (form === undefined)
          return xml(reply, 404, responseXml("no such form for this observer", "error"));
        // The files uploaded beside the workbook, which the XForm reads as jr://file-csv/...
        const media = Object.entries(form.definition.mediaFiles ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
        const md5s = await store.forms.fileHashes(media.map(([, file]) => file.sha256));
        const base = `${baseUrl(request)}/odk/forms/${form.formId}/${form.version}/files`;
        return xml(
          reply,
          200,
          manifestXml(
            media.flatMap(([filename, file]) => {
              const md5 = md5s.get(file.sha256);
              return md5 === undefined
                ? []
                : [{ filename, hash: `md5:${md5}`, downloadUrl: `${base}/${encodeURIComponent(filename)}` }];
            }),
          ),
        );
      },
    });

    odk.route({
      ...declaredRouteOptions(contract.mediaFile),
      handler: async (request, reply) => {
        const observer = await requireObserver(request, reply, contract.mediaFile);
        if (observer === undefined) return reply;
        const form = await observerForm(observer, request.params);
        const name = (request.params as { name?: unknown }).name;
        const media = typeof name === "string" ? form?.definition.mediaFiles?.[name] : undefined;
        const file = media === undefined ? undefined : await store.forms.file(media.sha256);
        if (file === undefined) return xml(reply, 404, responseXml("no such file of this form", "error"));
        return reply.status(200).header("content-type", file.contentType).send(Buffer.from(file.bytes));
      },
    });

    odk.route({
      ...declaredRouteOptions(contract.submissionPreflight),
      handler: async (request, reply) => {
        const observer = await requireObserver(request, reply, contract.submissionPreflight);
        if (observer === undefined) return reply;
        return reply
          .header("X-OpenRosa-Accept-Content-Length", String(MAX_SUBMISSION_BYTES))
          .status(204)
          .send();
      },
    });

    const declaredSubmission = declaredRouteOptions(contract.submission);
    odk.route({
      ...declaredSubmission,
      bodyLimit: MAX_SUBMISSION_BYTES,
      config: { ...declaredSubmission.config, rateLimit: { max: 300, timeWindow: "1 minute" } },
      handler: async (request, reply) => {
        const observer = await requireObserver(request, reply, contract.submission);
        if (observer === undefined) return reply;
        if (!request.isMultipart())
          return xml(
            reply,
            400,
            responseXml("send multipart/form-data with an xml_submission_file part", "error"),
          );
        let instanceXml: string | undefined;
        const attachments: { name: string; type: string; bytes: Buffer }[] = [];
        try {
          for await (const part of request.parts()) {
            if (part.type !== "file") continue;
            const bytes = await part.toBuffer();
            if (part.fieldname === "xml_submission_file") instanceXml = bytes.toString("utf8");
            else attachments.push({ name: part.filename, type: part.mimetype, bytes });
          }
        } catch (error) {
          const tooLarge = error instanceof Error && /too large|limit/i.test(error.message);
          return xml(
            reply,
            tooLarge ? 413 : 400,
            responseXml(tooLarge ? "the submission is too large" : "unreadable multipart body", "error"),
          );
        }
        if (instanceXml === undefined)
          return xml(reply, 400, responseXml("the xml_submission_file part is missing", "error"));
        const result = await submit(observer, instanceXml, attachments);
        return xml(
          reply,
          result.status,
          responseXml(result.message, result.status < 300 ? "submit_success" : "error"),
        );
      },
    });
  });

  /**
   * The caller, when the route's declared policy lets them in (observers with a record of their
   * own); otherwise the answer is sent here, as an OpenRosa XML document: 401 with a Basic
   * challenge, 429 with Retry-After after too many wrong access codes, 403 for other accounts.
   */
  async function requireObserver(
    request: FastifyRequest,
    reply: FastifyReply,
    route: RouteContract,
  ): Promise<User | undefined> {
    const outcome = await auth.user(request);
    if ("waitMs" in outcome) {
      const seconds = Math.ceil(outcome.waitMs / 1000);
      reply.header("retry-after", String(seconds));
      await xml(reply, 429, responseXml(`${outcome.message}; try again in ${seconds} s`, "error"));
      return undefined;
    }
    try {
      await enforcePolicy(
        route.policy,
        outcome.user,
        (request.params ?? {}) as Record<string, unknown>,
        app.accessFacts,
      );
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.statusCode === 401) challenge(reply);
      const message =
        error.statusCode === 401
          ? "sign in with your username and access code"
          : "ODK Collect is for observers' accounts";
      await xml(reply, error.statusCode, responseXml(message, "error"));
      return undefined;
    }
    return outcome.user ?? undefined;
  }

  /** One of the observer's forms, by the path's form id and version. */
  async function observerForm(observer: User, rawParams: unknown) {
    const params = FormParams.safeParse(rawParams);
    if (!params.success) return undefined;
    return (await observerForms(observer)).find(
      (f) => f.formId === params.data.formId && f.version === params.data.version,
    );
  }

  /** The observer's forms as XForms, each with the stops of the phases it is filled in. */
  async function observerForms(observer: User) {
    const missionId = observer.missionId ?? "";
    const mission = await store.missions.get(missionId);
    if (mission === undefined) return [];
    const [election, forms, stops] = await Promise.all([
      store.elections.summary(mission.electionId),
      store.forms.listForElection(mission.electionId),
      store.deployment.observerRoute(observer.observerId ?? ""),
    ]);
    const phases = new Map<string, Phase>((election?.phases ?? []).map((p) => [p.code, p]));
    return forms
      .filter((form) => form.missionId === null || form.missionId === missionId)
      .flatMap((stored) => {
        const parsed = safeParseFormDefinition(stored.definition);
        if (!parsed.ok) return [];
        const definition: FormDefinition = parsed.value;
        const choices = stops
          .filter((stop) => {
            const kind = phases.get(stop.phaseCode)?.kind;
            const kinds = kind === undefined ? undefined : FORM_KINDS_BY_PHASE[kind];
            return kinds === undefined || kinds.includes(definition.kind);
          })
          .map((stop) => {
            const phase = phases.get(stop.phaseCode);
            const phaseName =
              phase?.name[definition.defaultLanguage] ??
              Object.values(phase?.name ?? {})[0] ??
              stop.phaseCode;
            return {
              value: stop.visitId,
              label: `${stop.stationCode} ${stop.stationName} · ${phaseName} · ${stop.teamCode}`,
            };
          });
        if (choices.length === 0) return [];
        const xml = formToXForm(definition, {
          formId: stored.formId,
          stops: { label: STOP_LABEL, choices },
        });
        return [{ formId: stored.formId, code: stored.code, version: stored.version, definition, xml }];
      });
  }

  /** One instance through the same ingestion as every channel. */
  async function submit(
    observer: User,
    instanceXml: string,
    files: readonly { name: string; type: string; bytes: Buffer }[],
  ): Promise<{ status: number; message: string }> {
    const read = readXFormInstance(instanceXml);
    if (!read.ok) return { status: 400, message: read.error.map((i) => i.message).join("; ") };
    const { root, instance } = read.value;
    const version = Number(instance.version);
    const form = Number.isInteger(version)
      ? await ingestion.references.formVersion(instance.formId, version)
      : undefined;
    if (form === undefined)
      return {
        status: 404,
        message: `form ${instance.formId} has no version ${instance.version ?? "(none)"}`,
      };
    if (instance.instanceId === undefined || !z.uuid().safeParse(instance.instanceId).success)
      return { status: 400, message: "meta/instanceID must be uuid:<a UUID>" };
    if (instance.timeEnd === undefined) return { status: 400, message: "meta/timeEnd is missing" };
    const visit = instance.stop === undefined ? undefined : await store.deployment.visit(instance.stop);
    if (visit === undefined || visit.missionId !== observer.missionId)
      return { status: 422, message: "choose the stop of your route this report is about" };
    // Photos and files first (the report names them by SHA-256, as from every channel); ODK
    // Collect's instance names them by file name.
    const answers = xformAnswers(root, form.definition);
    const byName = new Map<string, string>();
    try {
      for (const file of files) {
        const { attachment } = await storeAttachment(
          store,
          Readable.from([file.bytes]),
          file.type,
          observer.id,
        );
        byName.set(file.name, attachment.sha256);
      }
    } catch (error) {
      if (error instanceof HttpError) return { status: error.statusCode, message: error.message };
      throw error;
    }
    for (const question of questionsOf(form.definition)) {
      const value = answers[question.name];
      if (
        !(ATTACHMENT_QUESTION_TYPES as readonly string[]).includes(question.type) ||
        typeof value !== "string"
      )
        continue;
      const sha256 = byName.get(value);
      if (sha256 === undefined)
        return { status: 400, message: `${question.name}: the file ${value} was not sent` };
      answers[question.name] = sha256;
    }
    const [result] = await ingestion.ingest(
      observer,
      [
        {
          id: instance.instanceId,
          formId: instance.formId,
          formVersion: version,
          stationId: visit.stationId,
          phaseCode: visit.phaseCode,
          teamId: visit.teamId,
          visitId: visit.id,
          submittedAt: new Date(instance.timeEnd).toISOString(),
          answers,
        },
      ],
      "odk",
    );
    if (result === undefined) throw new Error("no ingestion result");
    if ("receipt" in result)
      // ODK Collect counts only 201 and 202 as delivered: a repeat delivery is 202, stored once.
      return result.receipt.duplicate
        ? { status: 202, message: `already received: ${result.receipt.id}` }
        : { status: 201, message: `received: ${result.receipt.id}` };
    return { status: result.status, message: describe(result.error) };
  }
}

const STOP_LABEL = {
  en: "Which stop of your route is this report about?",
  ru: "К какому участку вашего маршрута относится отчёт?",
  be: "Да якога ўчастка вашага маршруту адносіцца справаздача?",
};

function describe(error: { message: string; details?: unknown }): string {
  const issues =
    (error.details as { issues?: { path?: unknown[]; message: string }[] } | undefined)?.issues ?? [];
  return issues.length === 0 ? error.message : `${error.message}: ${issues.map((i) => i.message).join("; ")}`;
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function xml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).header("content-type", "text/xml; charset=utf-8").send(body);
}
