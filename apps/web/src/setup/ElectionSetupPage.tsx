import {
  ElectionSetup,
  formatDescribed,
  formatOfFileName,
  type InputIssue,
  issueParams,
  PhaseKind,
  parseDescribed,
} from "@scrutiny/domain";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { issuesOf } from "../deployment/api.ts";
import { localized } from "../i18n/format.ts";
import { currentLanguage } from "../i18n/index.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { useElectionSetup, useSaveElection } from "./api.ts";
import {
  type Draft,
  type DraftContest,
  type DraftPhase,
  emptyDraft,
  firstLanguage,
  fromSetup,
  languagesOf,
  toSetup,
} from "./draft.ts";
import { IssueLines, NameFields, TextField } from "./fields.tsx";
import { Missions } from "./MissionsSection.tsx";
import "./setup.css";

/**
 * `/setup/new-election` and `/elections/:electionId/setup` (administrators): an election's name,
 * country, date, time zone and languages, its phases with local times, its contests with
 * candidates or parties, and (once it exists) its missions. Checked as it is typed by the same
 * schema as the API and the election file; a file can be loaded and the result downloaded.
 */
export function ElectionSetupPage() {
  const { electionId } = useParams();
  const setup = useElectionSetup(electionId);
  if (electionId !== undefined && setup.isPending) return <LoadingPanel />;
  if (setup.isError) return <ErrorPanel error={setup.error} onRetry={() => void setup.refetch()} />;
  const initial = setup.data === undefined ? emptyDraft : fromSetup(setup.data.setup);
  return <SetupForm key={electionId ?? "new"} electionId={electionId} initial={initial} />;
}

function SetupForm({ electionId, initial }: { electionId: string | undefined; initial: Draft }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(initial);
  const [fileIssues, setFileIssues] = useState<readonly InputIssue[]>([]);
  const save = useSaveElection(electionId);
  useDocumentTitle(electionId === undefined ? t("electionSetup.newTitle") : t("electionSetup.title"));
  const checked = useMemo(() => ElectionSetup.safeParse(toSetup(draft)), [draft]);
  const problems: InputIssue[] = checked.success
    ? []
    : checked.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
        code: i.code,
        message: i.message,
        params: issueParams(i),
      }));
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const language = firstLanguage(draft);
  const languages = languagesOf(draft);
  const rowName = (code: string | null) =>
    code === null ? t("electionSetup.rowName") : t("electionSetup.rowNameIn", { language: code });
  // A refusal names phases or contests by code; they are the saved election's, shown by their names.
  const savedName = (code: string) => {
    const row = initial.phases.find((p) => p.code === code) ?? initial.contests.find((c) => c.code === code);
    const name = row === undefined ? "" : localized(row.names, currentLanguage(i18n.language)).text;
    return name === "" ? code : `${name} (${code})`;
  };
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setPhase = (index: number, change: Partial<DraftPhase>) =>
    setDraft((d) => ({ ...d, phases: d.phases.map((p, i) => (i === index ? { ...p, ...change } : p)) }));
  const setContest = (index: number, change: Partial<DraftContest>) =>
    setDraft((d) => ({ ...d, contests: d.contests.map((c, i) => (i === index ? { ...c, ...change } : c)) }));

  const onFile = async (file: File | undefined) => {
    if (file === undefined) return;
    const format = formatOfFileName(file.name);
    if (format === undefined)
      return setFileIssues([{ code: "format", message: t("electionSetup.fileFormat") }]);
    const parsed = parseDescribed(ElectionSetup, await file.text(), format);
    if (!parsed.ok) return setFileIssues(parsed.error);
    setFileIssues([]);
    setDraft(fromSetup(parsed.value));
  };
  const download = () => {
    if (!checked.success) return;
    const blob = new Blob([formatDescribed(checked.data, "yaml")], { type: "application/yaml" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${checked.data.code}.yaml`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const field = (
    key: "code" | "country" | "electionDate" | "timeZone" | "languages",
    label: string,
    type = "text",
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        className="input"
        type={type}
        value={draft[key]}
        readOnly={key === "code" && electionId !== undefined}
        list={key === "timeZone" ? `${id}-zones` : undefined}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </div>
  );

  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">{t("electionSetup.eyebrow")}</p>
        <h1>{electionId === undefined ? t("electionSetup.newTitle") : t("electionSetup.title")}</h1>
        <p className="page-header__lead">{t("electionSetup.lead")}</p>
      </header>

      <section className="card" aria-labelledby={`${id}-file-title`}>
        <h2 id={`${id}-file-title`} className="card__title">
          {t("electionSetup.fromFile")}
        </h2>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("electionSetup.file")}</label>
          <input
            id={`${id}-file`}
            type="file"
            className="input"
            accept=".json,.yaml,.yml"
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </div>
        {fileIssues.length > 0 && (
          <div className="callout callout--danger" role="alert">
            <p>{t("electionSetup.fileProblems", { count: fileIssues.length })}</p>
            <IssueLines issues={fileIssues} />
          </div>
        )}
      </section>

      <form
        className="card setup-form"
        aria-labelledby={`${id}-election`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!checked.success) return;
          save.mutate(toSetup(draft), {
            onSuccess: (answer) => {
              if (electionId === undefined) navigate(`/elections/${answer.election.id}/setup`);
            },
          });
        }}
      >
        <h2 id={`${id}-election`} className="card__title">
          {t("electionSetup.election")}
        </h2>
        <div className="setup-grid">
          {field("code", t("electionSetup.code"))}
          {(languages.length === 0 ? [language] : languages).map((code) => (
            <div className="field" key={code}>
              <label htmlFor={`${id}-name-${code}`}>{t("electionSetup.name", { language: code })}</label>
              <input
                id={`${id}-name-${code}`}
                className="input"
                value={draft.names[code] ?? ""}
                onChange={(e) => set({ names: { ...draft.names, [code]: e.target.value } })}
              />
            </div>
          ))}
          {field("country", t("electionSetup.country"))}
          {field("electionDate", t("electionSetup.date"), "date")}
          {field("timeZone", t("electionSetup.timeZone"))}
          {field("languages", t("electionSetup.languages"))}
          <datalist id={`${id}-zones`}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>

        <h3>{t("electionSetup.phases")}</h3>
        <p className="card__hint">{t("electionSetup.phasesHint", { zone: draft.timeZone })}</p>
        {draft.phases.map((phase, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <fieldset key={index} className="setup-row">
            <legend className="visually-hidden">{t("electionSetup.phase", { n: index + 1 })}</legend>
            <TextField
              label={t("electionSetup.code")}
              value={phase.code}
              onChange={(v) => setPhase(index, { code: v })}
            />
            <label>
              {t("electionSetup.kind")}
              <select
                className="select"
                value={phase.kind}
                onChange={(e) => setPhase(index, { kind: PhaseKind.parse(e.target.value) })}
              >
                {PhaseKind.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`phaseKind.${kind}`)}
                  </option>
                ))}
              </select>
            </label>
            <TextField
              label={t("electionSetup.rowDate")}
              type="date"
              value={phase.date}
              onChange={(v) => setPhase(index, { date: v })}
            />
            <NameFields
              languages={languages}
              names={phase.names}
              onChange={(names) => setPhase(index, { names })}
              label={rowName}
            />
            <TextField
              label={t("electionSetup.opensAt")}
              type="time"
              value={phase.opensAt}
              onChange={(v) => setPhase(index, { opensAt: v })}
            />
            <TextField
              label={t("electionSetup.closesAt")}
              type="time"
              value={phase.closesAt}
              onChange={(v) => setPhase(index, { closesAt: v })}
            />
            <button
              type="button"
              className="button button--ghost"
              onClick={() => set({ phases: draft.phases.filter((_, i) => i !== index) })}
            >
              {t("electionSetup.remove")}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            set({
              phases: [
                ...draft.phases,
                { code: "", kind: "early_voting", date: "", names: {}, opensAt: "", closesAt: "" },
              ],
            })
          }
        >
          {t("electionSetup.addPhase")}
        </button>

        <h3>{t("electionSetup.contests")}</h3>
        {draft.contests.map((contest, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <fieldset key={index} className="setup-row">
            <legend className="visually-hidden">{t("electionSetup.contest", { n: index + 1 })}</legend>
            <TextField
              label={t("electionSetup.code")}
              value={contest.code}
              onChange={(v) => setContest(index, { code: v })}
            />
            <NameFields
              languages={languages}
              names={contest.names}
              onChange={(names) => setContest(index, { names })}
              label={rowName}
            />
            <label>
              {t("electionSetup.ballot")}
              <select
                className="select"
                value={contest.ballot}
                onChange={(e) =>
                  setContest(index, { ballot: e.target.value === "parties" ? "parties" : "candidates" })
                }
              >
                <option value="candidates">{t("electionSetup.ballotCandidates")}</option>
                <option value="parties">{t("electionSetup.ballotParties")}</option>
              </select>
            </label>
            <label className="setup-row__wide">
              {t("electionSetup.entries")}
              <textarea
                className="input"
                rows={4}
                value={contest.entries}
                onChange={(e) => setContest(index, { entries: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => set({ contests: draft.contests.filter((_, i) => i !== index) })}
            >
              {t("electionSetup.remove")}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            set({
              contests: [
                ...draft.contests,
                { code: "", names: {}, area: "", ballot: "candidates", entries: "" },
              ],
            })
          }
        >
          {t("electionSetup.addContest")}
        </button>

        {problems.length > 0 && (
          <section className="callout callout--warning" aria-label={t("electionSetup.problemsTitle")}>
            <p>{t("electionSetup.problems", { count: problems.length })}</p>
            <IssueLines issues={problems} />
          </section>
        )}
        {save.isError && (
          <div className="callout callout--danger" role="alert">
            <p>{apiErrorText(save.error, t, savedName)}</p>
            <IssueLines issues={issuesOf(save.error)} />
          </div>
        )}
        {save.isSuccess && (
          <p role="status" className="callout callout--info">
            {t("electionSetup.saved", { code: save.data.election.code })}
          </p>
        )}
        <div className="setup-actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={!checked.success || save.isPending}
          >
            {electionId === undefined ? t("electionSetup.create") : t("electionSetup.save")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={!checked.success}
            onClick={download}
          >
            {t("electionSetup.download")}
          </button>
        </div>
      </form>

      {electionId !== undefined && <Missions electionId={electionId} language={language} />}
    </div>
  );
}
