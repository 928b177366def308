import { type AnswerValue, attachmentHashes, type FormDefinition, findQuestion } from "@scrutiny/domain";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  type Answers,
  type AttachmentHandler,
  answersToSend,
  FormRenderer,
  liveCheck,
  type RendererMessages,
} from "../form-renderer/index.ts";
import { formLanguage } from "../forms/formText.ts";
import type { AmendmentEntry, ObserverDatabase, ReportEntry } from "./db.ts";
import { formatDateTime, localized } from "./format.ts";
import { type ObserverLanguage, type Translate, useT } from "./i18n.ts";
import { amendKey, draftKey, type UsableForm } from "./model.ts";
import { withLock } from "./outbox.ts";
import type { ObserverData } from "./useObserverData.ts";

export type FormTarget =
  | { readonly mode: "new"; readonly visitId: string; readonly formId: string; readonly replaces?: string }
  | { readonly mode: "amend"; readonly submissionId: string };

export function rendererMessages(t: Translate): RendererMessages {
  return {
    required: t("r.required"),
    critical: t("r.critical"),
    belowMin: (min) => t("r.belowMin", { min: min ?? "" }),
    aboveMax: (max) => t("r.aboveMax", { max: max ?? "" }),
    notInteger: t("r.notInteger"),
    tooLong: t("r.tooLong"),
    constraint: t("r.constraint"),
    requiredMissing: t("r.requiredMissing"),
    other: t("r.other"),
    clearChoice: t("r.clearChoice"),
    attached: t("r.attached"),
    attachmentUnavailable: t("r.attachmentUnavailable"),
    skipped: t("r.skipped"),
    otherChoice: t("r.otherChoice"),
    otherText: t("r.otherText"),
    addInstance: t("r.addInstance"),
    removeInstance: t("r.removeInstance"),
    notAnswered: t("r.notAnswered"),
    usePosition: t("r.usePosition"),
    locating: t("r.locating"),
    positionUnavailable: t("r.positionUnavailable"),
    acknowledge: t("r.acknowledge"),
  };
}

/**
 * One report being filled in (or corrected). Every change is saved as a draft on the phone at
 * once; "send" puts the report in the outbox (saved first, sent when there is a connection).
 */
export function FormScreen({
  db,
  data,
  forms,
  target,
  onDone,
}: {
  db: ObserverDatabase;
  data: ObserverData;
  forms: readonly UsableForm[];
  target: FormTarget;
  onDone: () => void;
}) {
  const { t, language } = useT();
  const original =
    target.mode === "amend"
      ? data.entries.find((e): e is ReportEntry => e.kind === "report" && e.id === target.submissionId)
      : undefined;
  const replaced =
    target.mode === "new" && target.replaces !== undefined
      ? data.entries.find((e): e is ReportEntry => e.kind === "report" && e.id === target.replaces)
      : undefined;
  const visitId = target.mode === "new" ? target.visitId : original?.body.visitId;
  const formId = target.mode === "new" ? target.formId : original?.body.formId;
  const stop = data.assignment?.stops.find((s) => s.visitId === visitId);
  const form = forms.find((f) => f.formId === formId);
  const key =
    target.mode === "amend" ? amendKey(target.submissionId) : draftKey(target.visitId, target.formId);

  const [answers, setAnswers] = useState<Answers | undefined>();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const latest = useRef<{ answers: Answers; reason: string }>({ answers: {}, reason: "" });
  const previews = usePreviews(db, answers);
  const attachments: AttachmentHandler = useMemo(
    () => ({
      add: async (file) => {
        const bytes = await file.arrayBuffer();
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
        const sha256 = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
        const type = file.type || "application/octet-stream";
        // Kept on the phone first; the outbox uploads it before the report.
        if ((await db.get("attachments", sha256)) === undefined)
          await db.put("attachments", { sha256, blob: new Blob([bytes], { type }), type, uploaded: false });
        return sha256;
      },
      previewUrl: (sha256) => previews.get(sha256),
    }),
    [db, previews],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft is read once per screen; later changes come from this screen itself
  useEffect(() => {
    let live = true;
    void db.get("drafts", key).then((draft) => {
      if (!live) return;
      const corrections = data.entries.filter(
        (e): e is AmendmentEntry => e.kind === "amendment" && e.submissionId === original?.id,
      );
      const start =
        draft?.answers ??
        corrections.at(-1)?.answers ??
        original?.body.answers ??
        replaced?.body.answers ??
        {};
      latest.current = { answers: start, reason: draft?.reason ?? "" };
      setAnswers(start);
      setReason(draft?.reason ?? "");
    });
    return () => {
      live = false;
    };
  }, [db, key]);

  const definition = form?.definition;
  const formLang = definition === undefined ? language : formLanguage(definition, language);
  const check = useMemo(
    () =>
      definition === undefined || answers === undefined
        ? undefined
        : liveCheck(definition, answersToSend(definition, answers), formLang, tried),
    [definition, answers, formLang, tried],
  );

  if (
    form === undefined ||
    definition === undefined ||
    stop === undefined ||
    (target.mode === "amend" && original === undefined)
  )
    return (
      <main className="ob-main">
        <p className="ob-callout">{t("form.notFound")}</p>
        <a className="ob-button" href="#/">
          {t("form.back")}
        </a>
      </main>
    );
  if (answers === undefined || check === undefined)
    return (
      <main className="ob-main" aria-busy="true">
        {t("loading")}
      </main>
    );

  function saveDraft(next: { answers: Answers; reason: string }) {
    latest.current = next;
    void db
      .put("drafts", {
        key,
        formId: form?.formId ?? "",
        formVersion: definition?.version ?? 0,
        answers: { ...next.answers },
        reason: next.reason,
        updatedAt: new Date().toISOString(),
      })
      .then(() => setSaved(true));
  }

  function setAnswer(name: string, value: AnswerValue) {
    const next = { ...latest.current.answers };
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) delete next[name];
    else next[name] = value;
    setAnswers(next);
    saveDraft({ ...latest.current, answers: next });
  }

  const amending = target.mode === "amend";
  const blocking = check.issues.length + (amending && reason.trim().length < 3 ? 1 : 0);

  async function send() {
    setTried(true);
    if (definition === undefined || stop === undefined || form === undefined) return;
    const toSend = answersToSend(definition, latest.current.answers);
    const final = liveCheck(definition, toSend, formLang, true);
    if (final.issues.length > 0 || (amending && latest.current.reason.trim().length < 3)) {
      window.setTimeout(
        () => document.querySelector(".fr-question--issue, .ob-reason--issue")?.scrollIntoView(),
        0,
      );
      return;
    }
    const now = new Date().toISOString();
    const label = {
      formTitle: definition.title,
      stationCode: stop.stationCode,
      stationName: stop.stationName,
    };
    await withLock(async () => {
      const tx = db.transaction(["outbox", "drafts"], "readwrite");
      const outbox = tx.objectStore("outbox");
      if (target.mode === "amend" && original !== undefined) {
        const current = await outbox.get(original.id);
        if (current?.kind === "report" && current.status === "pending" && current.attempts === 0) {
          // Never sent: the report itself changes, no correction is needed.
          await outbox.put({
            ...current,
            body: { ...current.body, answers: toSend },
            attachments: attachmentHashes(definition, toSend),
          });
        } else {
          await outbox.put({
            kind: "amendment",
            id: crypto.randomUUID(),
            createdAt: now,
            status: "pending",
            attempts: 0,
            nextAttemptAt: 0,
            submissionId: original.id,
            formId: original.body.formId,
            formVersion: original.body.formVersion,
            answers: toSend,
            reason: latest.current.reason.trim(),
            attachments: attachmentHashes(definition, toSend),
            label,
          });
        }
      } else {
        if (replaced !== undefined) await outbox.delete(replaced.id);
        // The outbox entry of a report is keyed by the report's own UUID, minted here, once.
        const submissionId = crypto.randomUUID();
        await outbox.put({
          kind: "report",
          id: submissionId,
          createdAt: now,
          status: "pending",
          attempts: 0,
          nextAttemptAt: 0,
          body: {
            id: submissionId,
            formId: form.formId,
            formVersion: definition.version,
            stationId: stop.stationId,
            phaseCode: stop.phaseCode,
            teamId: stop.teamId,
            visitId: stop.visitId,
            submittedAt: now,
            answers: toSend,
          },
          attachments: attachmentHashes(definition, toSend),
          label,
        });
      }
      await tx.objectStore("drafts").delete(key);
      await tx.done;
    });
    onDone();
  }

  return (
    <main className="ob-main">
      <a className="ob-link ob-back" href="#/">
        ← {t("form.back")}
      </a>
      <h1 className="ob-title">{localized(definition.title, language)}</h1>
      <p className="ob-muted">
        <span className="ob-stop__code">{stop.stationCode}</span> {stop.stationName}
      </p>
      {original !== undefined && (
        <p className="ob-callout">
          {t("form.amending", { time: formatDateTime(original.body.submittedAt, language) })}
        </p>
      )}
      <form
        className="ob-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <FormRenderer
          form={definition}
          language={formLang}
          answers={answers}
          onAnswer={setAnswer}
          check={check}
          messages={rendererMessages(t)}
          attachments={attachments}
        />
        {amending && (
          <label className={tried && reason.trim().length < 3 ? "ob-field ob-reason--issue" : "ob-field"}>
            {t("form.reason")}
            <textarea
              className="fr-input fr-textarea"
              name="reason"
              rows={2}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                saveDraft({ ...latest.current, reason: event.target.value });
              }}
            />
            {tried && reason.trim().length < 3 && <span className="fr-issue">{t("form.reasonShort")}</span>}
          </label>
        )}
        {check.flags.length > 0 && (
          <section className="ob-callout ob-callout--warn" aria-live="polite">
            <h2 className="ob-subtitle">{t("form.flags")}</h2>
            <ul>
              {check.flags.map((flag) => (
                <li key={flag.checkId}>{flagText(flag, definition, language, t)}</li>
              ))}
            </ul>
          </section>
        )}
        {tried && blocking > 0 && (
          <p className="fr-issue" role="alert">
            {t("form.fixFirst", { count: blocking })}
          </p>
        )}
        <p className="ob-muted" aria-live="polite">
          {saved ? t("form.draftSaved") : "\u00a0"}
        </p>
        <button type="submit" className="ob-button ob-button--primary ob-button--wide">
          {amending ? t("form.sendCorrection") : t("form.send")}
        </button>
      </form>
    </main>
  );
}

/** Object URLs of the photos these answers refer to, read from the phone's storage. */
function usePreviews(db: ObserverDatabase, answers: Answers | undefined): ReadonlyMap<string, string> {
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map());
  const key = Object.values(answers ?? {})
    .filter((v): v is string => typeof v === "string" && /^[0-9a-f]{64}$/.test(v))
    .sort()
    .join(",");
  useEffect(() => {
    let live = true;
    const made: string[] = [];
    const hashes = key === "" ? [] : key.split(",");
    void Promise.all(hashes.map((h) => db.get("attachments", h))).then((found) => {
      if (!live) return;
      const next = new Map<string, string>();
      for (const stored of found) {
        if (stored === undefined) continue;
        const url = URL.createObjectURL(stored.blob);
        made.push(url);
        next.set(stored.sha256, url);
      }
      setUrls(next);
    });
    return () => {
      live = false;
      for (const url of made) URL.revokeObjectURL(url);
    };
  }, [db, key]);
  return urls;
}

/**
 * A data-quality flag in the phone's language: a form's own check comes in the form's language
 * already; a flag the product raises (a location far from the station) is said from its values,
 * the question by its label.
 */
export function flagText(
  flag: {
    readonly checkId?: string;
    readonly message: string;
    readonly params?: Record<string, string | number>;
  },
  definition: FormDefinition,
  language: ObserverLanguage,
  t: Translate,
): string {
  const params = flag.params;
  if (params?.["metres"] === undefined) return flag.message;
  const question = findQuestion(definition, String(params["name"] ?? ""));
  return t("form.distanceFlag", {
    question: localized(question?.label, language) || String(params["question"] ?? ""),
    metres: params["metres"],
    maximum: params["maximum"] ?? "",
  });
}
