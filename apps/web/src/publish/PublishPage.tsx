// Publish: a coordinator reviews what a snapshot of the mission would publish (every indicator's
// overall figure with its interval and denominator, the reports, the answers published and those
// withheld, what personal data is removed, the files), confirms, and sees the stored snapshot
// with its transparency-log entry and the checkpoint that includes it.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useOverview } from "../api/queries.ts";
import { useResultsSources } from "../forensics/api.ts";
import { useSignedInUser } from "../session/session.tsx";
import { apiErrorText } from "../ui/apiError.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { type PublicationPreview, type PublishBody, usePreview, usePublish } from "./api.ts";
import "./publish.css";

export function PublishPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  const user = useSignedInUser();
  const overview = useOverview(electionId);
  const [params, setParams] = useSearchParams();
  useEffect(() => {
    document.title = `${t("publish.title")} · ${t("app.name")}`;
  }, [t]);
  if (overview.isPending) return <LoadingPanel />;
  if (overview.isError) return <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />;
  if (user.role !== "admin" && user.role !== "coordinator")
    return <EmptyState title={t("publish.notForRole")} />;
  const missions = overview.data.missions;
  const allowed = user.role === "admin" ? missions : missions.filter((m) => m.id === user.missionId);
  const missionId = params.get("mission") ?? allowed[0]?.id;
  return (
    <div className="page publish-page">
      <header className="page-header">
        <h1>{t("publish.title")}</h1>
        <p className="lede">{t("publish.lede")}</p>
        {allowed.length > 1 && (
          <label>
            <span>{t("publish.mission")}</span>{" "}
            <select
              value={missionId}
              onChange={(event) => setParams({ mission: event.target.value }, { replace: true })}
            >
              {allowed.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.code}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {missionId === undefined ? null : (
        <PublishFlow key={missionId} electionId={electionId} missionId={missionId} />
      )}
    </div>
  );
}

const LICENCES = ["CC-BY-4.0", "CC0-1.0", "ODC-BY-1.0", "ODbL-1.0"] as const;

function PublishFlow({ electionId, missionId }: { electionId: string; missionId: string }) {
  const { t, i18n } = useTranslation();
  const sources = useResultsSources(electionId);
  const preview = usePreview(missionId);
  const publish = usePublish(missionId);
  const [title, setTitle] = useState("");
  const [licence, setLicence] = useState<(typeof LICENCES)[number]>("CC-BY-4.0");
  const [forensics, setForensics] = useState<string[]>([]);
  const body: PublishBody = {
    ...(title.trim() === "" ? {} : { title: title.trim() }),
    licence,
    ...(forensics.length === 0 ? {} : { forensics: forensics.map((source) => ({ source })) }),
  };
  const available = [
    ...(sources.data?.official.available ? [{ id: "official", name: t("publish.officialResults") }] : []),
    ...(sources.data?.resultsSets ?? []).map((s) => ({ id: s.id, name: s.name })),
  ];
  const toggle = (id: string) =>
    setForensics((chosen) => (chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]));
  const changed = () => {
    preview.reset();
    publish.reset();
  };

  if (publish.data) {
    const p = publish.data.publication;
    return (
      <section className="card publish-done" aria-labelledby="published">
        <h2 id="published">{t("publish.done")}</h2>
        <dl className="publish-facts">
          <dt>{t("publish.snapshotTitle")}</dt>
          <dd>{p.title}</dd>
          <dt>{t("publish.logEntry")}</dt>
          <dd data-testid="log-entry">#{p.logIndex}</dd>
          <dt>{t("publish.hash")}</dt>
          <dd>
            <code className="publish-hash">{p.contentHash}</code>
          </dd>
          <dt>{t("publish.files")}</dt>
          <dd>{p.files.length}</dd>
        </dl>
        <h3>{t("publish.checkpoint")}</h3>
        <pre className="publish-checkpoint" data-testid="checkpoint">
          {publish.data.checkpoint}
        </pre>
        <p>
          <a className="button button--primary" href={`/portal/#/publications/${p.id}`}>
            {t("publish.onPortal")}
          </a>
        </p>
      </section>
    );
  }

  return (
    <>
      <form
        className="card publish-form"
        onSubmit={(event) => {
          event.preventDefault();
          preview.mutate(body);
        }}
      >
        <label>
          <span>{t("publish.titleLabel")}</span>
          <input
            value={title}
            maxLength={200}
            onChange={(event) => {
              setTitle(event.target.value);
              changed();
            }}
          />
        </label>
        <label>
          <span>{t("publish.licence")}</span>
          <select
            value={licence}
            onChange={(event) => {
              setLicence(event.target.value as (typeof LICENCES)[number]);
              changed();
            }}
          >
            {LICENCES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        {available.length === 0 ? null : (
          <fieldset>
            <legend>{t("publish.forensics")}</legend>
            {available.map((s) => (
              <label key={s.id} className="publish-check">
                <input
                  type="checkbox"
                  checked={forensics.includes(s.id)}
                  onChange={() => {
                    toggle(s.id);
                    changed();
                  }}
                />{" "}
                {s.name}
              </label>
            ))}
          </fieldset>
        )}
        <p>
          <button type="submit" className="button" disabled={preview.isPending}>
            {preview.isPending ? t("publish.reviewing") : t("publish.review")}
          </button>
        </p>
        {preview.error ? (
          <p className="publish-error" role="alert">
            {apiErrorText(preview.error, t)}
          </p>
        ) : null}
      </form>
      {preview.data ? (
        <Review
          preview={preview.data}
          language={i18n.language}
          pending={publish.isPending}
          error={publish.error}
          onConfirm={() => publish.mutate(body)}
        />
      ) : null}
    </>
  );
}

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const value = (kind: string, v: number | null) =>
  kind === "proportion" ? pct(v) : v === null ? "–" : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1);

function Review({
  preview,
  language,
  pending,
  error,
  onConfirm,
}: {
  preview: PublicationPreview;
  language: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const reports = Object.entries(preview.reports);
  return (
    <section className="card publish-review" aria-labelledby="review">
      <h2 id="review">{t("publish.reviewTitle", { title: preview.title })}</h2>
      <p>{t("publish.reviewLede")}</p>
      <h3>{t("publish.indicators")}</h3>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("publish.indicator")}</th>
              <th scope="col">{t("publish.estimate")}</th>
              <th scope="col">{t("publish.interval")}</th>
              <th scope="col">{t("publish.counts")}</th>
              <th scope="col">{t("publish.cells")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.indicators.map((i) => {
              const o = i.overall;
              return (
                <tr key={i.code} data-indicator={i.code}>
                  <th scope="row">
                    {i.name[language] ?? i.name["en"] ?? i.code} <code>{i.code}</code>
                  </th>
                  <td>{o ? value(o.kind, o.value) : "–"}</td>
                  <td>
                    {o && o.ci_lower !== null
                      ? `${value(o.kind, o.ci_lower)} – ${value(o.kind, o.ci_upper)}`
                      : "–"}
                  </td>
                  <td>
                    {o?.denominator == null
                      ? "–"
                      : o.kind === "proportion"
                        ? `${o.numerator ?? 0} / ${o.denominator}`
                        : `n = ${o.denominator}`}
                  </td>
                  <td>{i.cells}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>{t("publish.data")}</h3>
      <ul>
        <li data-testid="report-counts">
          {t("publish.reports", {
            counts: reports
              .map(([status, n]) => `${n} ${t(`submissionStatus.${status}`, status)}`)
              .join(", "),
          })}
        </li>
        <li>{t("publish.answersPublished", { questions: preview.questions.published.join(", ") || "–" })}</li>
        <li>{t("publish.answersWithheld", { questions: preview.questions.withheld.join(", ") || "–" })}</li>
        {preview.forensics.map((f) => (
          <li key={f.name}>{t("publish.forensicsOf", { source: f.source, stations: f.stations })}</li>
        ))}
      </ul>
      <h3>{t("publish.removed")}</h3>
      <ul data-testid="removed">
        {preview.removedKinds.map((kind) => (
          <li key={kind}>{t(`publish.removedKinds.${kind}`)}</li>
        ))}
      </ul>
      <h3>{t("publish.files")}</h3>
      <p className="publish-files">
        {preview.files.map((f) => (f.rows === null ? f.name : `${f.name} (${f.rows})`)).join(" · ")}
      </p>
      <p className="publish-warning">{t("publish.immutable")}</p>
      <button type="button" className="button button--primary" disabled={pending} onClick={onConfirm}>
        {pending ? t("publish.publishing") : t("publish.confirm")}
      </button>
      {error ? (
        <p className="publish-error" role="alert">
          {apiErrorText(error, t)}
        </p>
      ) : null}
    </section>
  );
}
