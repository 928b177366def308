// Paper entry: a coordinator (the mission's data clerk) types in a checklist an observer filled on
// paper. The same form renderer and live checks as the observer's phone; the server validates it
// like any report and records its channel as "paper".
import type { submissions } from "@scrutiny/contract";
import type { AnswerValue, SubmissionEnvelope } from "@scrutiny/domain";
import { useMutation, useQueries } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { call, type FormSummary, seg } from "../api/client.ts";
import { useForms } from "../api/queries.ts";
import { answersToSend, FormRenderer, liveCheck } from "../form-renderer/index.ts";
import "../form-renderer/form-renderer.css";
import { usePhaseName } from "../coverage/PhaseSelect.tsx";
import { formLanguage, pickText } from "../forms/formText.ts";
import { rendererMessages } from "../forms/rendererMessages.ts";
import { useFormat } from "../i18n/format.ts";
import {
  type RosterObserver,
  type RouteStop,
  teamRouteQuery,
  useObservers,
  useTeams,
} from "../people/api.ts";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import "./paper.css";
import { apiErrorText } from "../ui/apiError.ts";

type Answers = Readonly<Record<string, AnswerValue>>;

/** `/elections/:electionId/paper`: enter paper checklists on behalf of the mission's observers. */
export function PaperEntryPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t("paper.title"));
  return (
    <WithOwnMission electionId={electionId} coordinatorsOnly>
      {(mission) => (
        <div className="page">
          <header className="page-header">
            <p className="eyebrow">{t("paper.eyebrow")}</p>
            <h1>{t("paper.title")}</h1>
            <p className="muted">{t("paper.intro")}</p>
          </header>
          <PaperEntry electionId={electionId} missionId={mission.id} />
        </div>
      )}
    </WithOwnMission>
  );
}

function PaperEntry({ electionId, missionId }: { electionId: string; missionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const phaseName = usePhaseName(electionId);
  const observers = useObservers(missionId);
  const teams = useTeams(missionId);
  const forms = useForms(electionId);
  const [observerId, setObserverId] = useState("");
  const [visitId, setVisitId] = useState("");
  const [formId, setFormId] = useState("");
  const [round, setRound] = useState(0);
  const observerField = useId();
  const stopField = useId();
  const formField = useId();
  const observerTeams = (teams.data ?? []).filter((team) => team.members.some((m) => m.id === observerId));
  const routes = useQueries({ queries: observerTeams.map((team) => teamRouteQuery(missionId, team.id)) });
  const stops: (RouteStop & { teamId: string })[] = observerTeams.flatMap((team, i) =>
    (routes[i]?.data ?? []).map((stop) => ({ ...stop, teamId: team.id })),
  );

  if (observers.isPending || teams.isPending || forms.isPending) return <LoadingPanel />;
  if (observers.isError)
    return <ErrorPanel error={observers.error} onRetry={() => void observers.refetch()} />;
  if (teams.isError) return <ErrorPanel error={teams.error} onRetry={() => void teams.refetch()} />;
  if (forms.isError) return <ErrorPanel error={forms.error} onRetry={() => void forms.refetch()} />;
  const ownForms = forms.data.filter((form) => form.missionId === null || form.missionId === missionId);
  if (observers.data.length === 0 || ownForms.length === 0)
    return (
      <EmptyState title={t("paper.notReadyTitle")}>
        <p>{t("paper.notReadyText")}</p>
      </EmptyState>
    );
  const observer = observers.data.find((o) => o.id === observerId);
  const stop = stops.find((s) => s.visitId === visitId);
  const form = ownForms.find((f) => f.formId === formId);
  const observerName = (o: RosterObserver) => `${o.name} (${o.code})`;

  return (
    <section className="card" aria-labelledby="paper-entry">
      <h2 id="paper-entry" className="card__title">
        {t("paper.which")}
      </h2>
      <div className="paper-grid">
        <div className="field">
          <label htmlFor={observerField}>{t("paper.observer")}</label>
          <select
            id={observerField}
            className="select"
            value={observerId}
            onChange={(event) => {
              setObserverId(event.currentTarget.value);
              setVisitId("");
            }}
          >
            <option value="">{t("paper.choose")}</option>
            {observers.data.map((o) => (
              <option key={o.id} value={o.id}>
                {observerName(o)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={stopField}>{t("paper.stop")}</label>
          <select
            id={stopField}
            className="select"
            value={visitId}
            disabled={observer === undefined}
            onChange={(event) => setVisitId(event.currentTarget.value)}
          >
            <option value="">{t("paper.choose")}</option>
            {stops.map((s) => (
              <option key={s.visitId} value={s.visitId}>
                {`${phaseName(s.phaseCode)} · ${s.stationCode} ${s.stationName}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={formField}>{t("paper.form")}</label>
          <select
            id={formField}
            className="select"
            value={formId}
            onChange={(event) => setFormId(event.currentTarget.value)}
          >
            <option value="">{t("paper.choose")}</option>
            {ownForms.map((f) => (
              <option key={f.formId} value={f.formId}>
                {pickText(f.definition.title, formLanguage(f.definition, format.language), f.definition)
                  ?.text ?? f.code}
              </option>
            ))}
          </select>
        </div>
      </div>
      {observer !== undefined && stops.length === 0 && (
        <p className="callout callout--info">{t("paper.noRoute", { name: observerName(observer) })}</p>
      )}
      {observer !== undefined && stop !== undefined && form !== undefined && (
        <PaperForm
          key={`${observer.id}:${stop.visitId}:${form.formId}:${form.version}:${round}`}
          missionId={missionId}
          observer={observer}
          stop={stop}
          form={form}
          onAnother={() => setRound(round + 1)}
        />
      )}
    </section>
  );
}

function PaperForm({
  missionId,
  observer,
  stop,
  form,
  onAnother,
}: {
  missionId: string;
  observer: RosterObserver;
  stop: RouteStop & { teamId: string };
  form: FormSummary;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const definition = form.definition;
  const language = formLanguage(definition, format.language);
  const [answers, setAnswers] = useState<Answers>({});
  const [tried, setTried] = useState(false);
  // Minted once per checklist, so that sending it twice (a retry) stores it once.
  const [submissionId] = useState(() => crypto.randomUUID());
  const check = useMemo(
    () => liveCheck(definition, answersToSend(definition, answers), language, tried),
    [definition, answers, language, tried],
  );
  const submit = useMutation({
    mutationFn: (envelope: SubmissionEnvelope) =>
      call<typeof submissions.submitPaper>(
        "POST",
        `/api/v1/missions/${seg(missionId)}/paper-reports`,
        envelope,
      ),
  });
  const setAnswer = (name: string, value: AnswerValue) =>
    setAnswers((previous) => {
      const next = { ...previous };
      if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) delete next[name];
      else next[name] = value;
      return next;
    });
  const send = () => {
    setTried(true);
    const toSend = answersToSend(definition, answers);
    if (liveCheck(definition, toSend, language, true).issues.length > 0) return;
    submit.mutate({
      id: submissionId,
      formId: form.formId,
      formVersion: definition.version,
      stationId: stop.stationId,
      phaseCode: stop.phaseCode,
      observerId: observer.id,
      teamId: stop.teamId,
      visitId: stop.visitId,
      submittedAt: new Date().toISOString(),
      answers: toSend,
    });
  };
  const receipt = submit.data?.receipt;
  if (receipt !== undefined)
    return (
      <div className="callout callout--info paper-receipt" role="status">
        <h3>{t("paper.receivedTitle")}</h3>
        <p>
          {t("paper.received", {
            name: `${observer.name} (${observer.code})`,
            station: stop.stationCode,
            at: format.dateTime(receipt.receivedAt),
          })}
        </p>
        <p>
          {t("paper.receipt")} <code>{receipt.contentHash}</code>
        </p>
        <div className="paper-buttons">
          <button type="button" className="button button--primary" onClick={onAnother}>
            {t("paper.another")}
          </button>
          <Link className="button button--secondary" to={`../submissions/${receipt.id}`} relative="path">
            {t("paper.open")}
          </Link>
        </div>
      </div>
    );
  return (
    <form
      className="paper-form"
      aria-label={t("paper.formLabel")}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <FormRenderer
        form={definition}
        language={language}
        answers={answers}
        onAnswer={setAnswer}
        check={check}
        messages={rendererMessages(t)}
      />
      {tried && check.issues.length > 0 && (
        <div className="callout callout--danger" role="alert">
          <p>{t("paper.issues", { count: check.issues.length })}</p>
        </div>
      )}
      {submit.isError && (
        <p className="callout callout--danger" role="alert">
          {apiErrorText(submit.error, t)}
        </p>
      )}
      <div className="paper-buttons">
        <button type="submit" className="button button--primary" disabled={submit.isPending}>
          {t("paper.submit")}
        </button>
      </div>
    </form>
  );
}
