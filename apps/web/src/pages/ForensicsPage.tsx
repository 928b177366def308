// Election forensics for one election: pick a results source (the election's own official results
// by party, or an uploaded results file), read the report with its plots, readings and caveats,
// upload a new results file, download the HTML report or the JSON.
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { isApiError } from "../api/client.ts";
import { useFormat } from "../i18n/format.ts";
import { useSignedInUser } from "../session/session.tsx";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import "./Forensics.css";
import {
  type ForensicsReport,
  forensicsPaths,
  type ResultsSources,
  uploadIssues,
  useForensicsReport,
  useResultsSources,
  useUploadResults,
} from "./ForensicsApi.ts";
import { heatmapOptions, histogramOptions, marginalsOptions, PlotFigure } from "./ForensicsPlots.tsx";

type Format = ReturnType<typeof useFormat>;
type T = ReturnType<typeof useTranslation>["t"];

/** Numbers that may be missing (JSON has no NaN: undefined statistics arrive as null). */
const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

function useNumbers(format: Format) {
  return useMemo(() => {
    const fixed = (digits: number) =>
      new Intl.NumberFormat(format.language, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    const f0 = fixed(0);
    const f1 = fixed(1);
    const f2 = fixed(2);
    const f3 = fixed(3);
    const by = (f: Intl.NumberFormat) => (x: number | null | undefined) => (finite(x) ? f.format(x) : "–");
    return {
      n0: by(f0),
      n1: by(f1),
      n2: by(f2),
      n3: by(f3),
      pct: (x: number | null | undefined, digits = 1) =>
        finite(x) ? `${fixed(digits).format(100 * x)}%` : "–",
      p: (x: number | null | undefined) => (finite(x) ? x.toPrecision(2) : "–"),
    };
  }, [format.language]);
}

export function ForensicsPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  const sources = useResultsSources(electionId);

  useEffect(() => {
    document.title = `${t("forensics.title")} · ${t("app.name")}`;
  }, [t]);

  if (sources.isPending) return <LoadingPanel />;
  if (sources.isError) {
    if (isApiError(sources.error, 404) || isApiError(sources.error, 400)) {
      return <EmptyState title={t("errors.electionNotFoundTitle")} />;
    }
    return <ErrorPanel error={sources.error} onRetry={() => void sources.refetch()} />;
  }
  return <Forensics electionId={electionId} sources={sources.data} />;
}

function Forensics({ electionId, sources }: { electionId: string; sources: ResultsSources }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const options = [
    ...(sources.official.available
      ? [
          {
            id: "official",
            label: t("forensics.sourceOfficial", { protocols: format.number(sources.official.protocols) }),
          },
        ]
      : []),
    ...sources.resultsSets.map((s) => ({
      id: s.id,
      label: t("forensics.sourceUploaded", { name: s.name, stations: format.number(s.stationCount) }),
    })),
  ];
  const requested = params.get("source");
  const source = options.find((o) => o.id === requested)?.id ?? options[0]?.id;
  const report = useForensicsReport(electionId, source, format.language);
  const canUpload = user.role === "coordinator" || user.role === "analyst" || user.role === "admin";

  return (
    <div className="page forensics-page">
      <header className="page-header">
        <p className="eyebrow">{t("forensics.eyebrow")}</p>
        <h1>{t("forensics.title")}</h1>
        <p>{t("forensics.intro")}</p>
      </header>

      <div className="callout forensics-warning" role="note">
        <h2 className="callout__title">{t("forensics.caveatTitle")}</h2>
        <p>{t("forensics.caveat")}</p>
      </div>

      <section className="card forensics-section" aria-label={t("forensics.source")}>
        {options.length === 0 ? (
          <p>{t("forensics.noSources")}</p>
        ) : (
          <div className="forensics-toolbar">
            <div className="field">
              <label htmlFor="forensics-source">{t("forensics.source")}</label>
              <select
                id="forensics-source"
                className="select"
                value={source}
                onChange={(e) => setParams({ source: e.target.value }, { replace: true })}
              >
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            {source && (
              <>
                <a
                  className="button button--secondary"
                  href={forensicsPaths.html(electionId, source, format.language)}
                >
                  {t("forensics.downloadHtml")}
                </a>
                <a
                  className="button button--secondary"
                  href={forensicsPaths.report(electionId, source, format.language)}
                  download={`forensics-${source}.json`}
                >
                  {t("forensics.downloadJson")}
                </a>
              </>
            )}
          </div>
        )}
      </section>

      {source &&
        (report.isPending ? (
          <div className="status" role="status" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            <span>{t("forensics.computing")}</span>
          </div>
        ) : report.isError ? (
          <ErrorPanel error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <Report report={report.data} />
        ))}

      {canUpload && (
        <Upload electionId={electionId} onDone={(id) => setParams({ source: id }, { replace: true })} />
      )}
    </div>
  );
}

function Report({ report }: { report: ForensicsReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format);
  const el = report.election;
  const leader = el.contestants.find((c) => c.name === el.leader);
  return (
    <>
      <dl className="stats">
        <Stat label={t("forensics.stations")} value={n.n0(el.stations)} />
        <Stat label={t("forensics.registered")} value={n.n0(el.registered)} />
        <Stat label={t("forensics.turnout")} value={n.pct(el.ballotsIssued / el.registered)} />
        <Stat
          className={el.leader.length > 24 ? "forensics-leader" : undefined}
          label={t("forensics.leader")}
          value={el.leader}
          hint={`${t("forensics.leaderShare")}: ${n.pct(leader?.share)}`}
        />
      </dl>
      <IntegerSection report={report} n={n} t={t} />
      <HistogramSection report={report} t={t} />
      {report.fingerprint && <FingerprintSection fp={report.fingerprint} n={n} t={t} />}
      {report.breakdown && <BreakdownSection breakdown={report.breakdown} n={n} t={t} />}
      <DigitsSection report={report} n={n} t={t} />
      <ArithmeticSection report={report} n={n} t={t} />
    </>
  );
}

type N = ReturnType<typeof useNumbers>;

function Stat({
  label,
  value,
  hint,
  className,
}: {
  label: string;
  value: string;
  hint?: string;
  className?: string;
}) {
  return (
    <div className={className ? `stat ${className}` : "stat"}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
      {hint && <dd className="stat__hint">{hint}</dd>}
    </div>
  );
}

function IntegerSection({ report, n, t }: { report: ForensicsReport; n: N; t: T }) {
  const ip = report.integerPercentages;
  const rows = [
    [t("forensics.integer.either"), ip],
    [t("forensics.integer.turnoutOnly"), ip.turnoutOnly],
    [t("forensics.integer.leaderOnly"), ip.leaderOnly],
  ] as const;
  return (
    <section className="card forensics-section" aria-labelledby="forensics-integer">
      <h2 id="forensics-integer" className="card__title">
        {t("forensics.integer.title")}
      </h2>
      <p className="callout callout--info">
        {t("forensics.integer.reading", {
          observed: n.n0(ip.observed),
          included: n.n0(ip.included),
          expected: n.n0(ip.expected),
          sd: n.n0(ip.sd),
          excess: n.n0(ip.excess),
          z: n.n1(ip.z),
        })}{" "}
        {ip.observed > ip.band[1] ? t("forensics.integer.beyond") : t("forensics.integer.within")}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="integer-table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.integer.test")}</th>
              <th scope="col" className="num">
                {t("forensics.integer.included")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.observed")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.expected")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.sd")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.excess")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.z")}
              </th>
              <th scope="col" className="num">
                {t("forensics.integer.band")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, r]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{n.n0(r.included)}</td>
                <td className="num">{n.n0(r.observed)}</td>
                <td className="num">{n.n1(r.expected)}</td>
                <td className="num">{n.n1(r.sd)}</td>
                <td className="num">{n.n1(r.excess)}</td>
                <td className="num">{n.n2(r.z)}</td>
                <td className="num">
                  {n.n0(r.band[0])}–{n.n0(r.band[1])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="card__hint">{t("forensics.integer.caveat")}</p>
    </section>
  );
}

function HistogramSection({ report, t }: { report: ForensicsReport; t: T }) {
  const h = report.histograms;
  const turnout = useMemo(
    () =>
      histogramOptions(
        h.turnout,
        t("forensics.histograms.turnout"),
        t("forensics.histograms.stations"),
        "#1f4e9c",
        560,
      ),
    [h.turnout, t],
  );
  const leader = useMemo(
    () =>
      histogramOptions(
        h.leaderShare,
        t("forensics.histograms.leader"),
        t("forensics.histograms.stations"),
        "#9c1f3c",
        560,
      ),
    [h.leaderShare, t],
  );
  return (
    <section className="card forensics-section" aria-labelledby="forensics-histograms">
      <h2 id="forensics-histograms" className="card__title">
        {t("forensics.histograms.title")}
      </h2>
      <div className="forensics-plots">
        <figure className="forensics-figure">
          <PlotFigure options={turnout} label={t("forensics.histograms.turnout")} />
        </figure>
        <figure className="forensics-figure">
          <PlotFigure options={leader} label={t("forensics.histograms.leader")} />
        </figure>
      </div>
      <p className="card__hint">{t("forensics.histograms.caption")}</p>
    </section>
  );
}

function FingerprintSection({ fp, n, t }: { fp: NonNullable<ForensicsReport["fingerprint"]>; n: N; t: T }) {
  const xLabel = t("forensics.fingerprint.turnoutAxis");
  const yLabel = t("forensics.fingerprint.shareAxis");
  const observed = useMemo(
    () => heatmapOptions(fp.observed, fp.bins, xLabel, yLabel, 320),
    [fp.observed, fp.bins, xLabel, yLabel],
  );
  const observedFit = useMemo(
    () => heatmapOptions(fp.observedFit, fp.fitBins, xLabel, yLabel, 320),
    [fp.observedFit, fp.fitBins, xLabel, yLabel],
  );
  const fitted = useMemo(
    () => heatmapOptions(fp.fitted, fp.fitBins, xLabel, yLabel, 320),
    [fp.fitted, fp.fitBins, xLabel, yLabel],
  );
  const marginals = useMemo(
    () =>
      marginalsOptions(
        fp.observedFit,
        fp.fitted,
        fp.fitBins,
        {
          turnoutObserved: t("forensics.fingerprint.observedTurnout"),
          turnoutFitted: t("forensics.fingerprint.fittedTurnout"),
          shareObserved: t("forensics.fingerprint.observedShare"),
          shareFitted: t("forensics.fingerprint.fittedShare"),
        },
        "%",
        t("forensics.fingerprint.share"),
        720,
      ),
    [fp.observedFit, fp.fitted, fp.fitBins, t],
  );
  const f = fp.fit;
  return (
    <section
      className="card forensics-section"
      aria-labelledby="forensics-fingerprint"
      data-testid="fingerprint"
    >
      <h2 id="forensics-fingerprint" className="card__title">
        {t("forensics.fingerprint.title")}
      </h2>
      <p className="callout callout--info">
        {t("forensics.fingerprint.reading", {
          fi: n.n1(100 * f.fi.estimate),
          fiSe: n.n1(100 * f.fi.se),
          fe: n.n1(100 * f.fe.estimate),
          feSe: n.n1(100 * f.fe.se),
        })}
      </p>
      <div className="forensics-plots">
        <figure className="forensics-figure">
          <PlotFigure options={observed} label={t("forensics.fingerprint.observed")} />
          <figcaption>
            {t("forensics.fingerprint.observed")} · {fp.bins}×{fp.bins}
          </figcaption>
        </figure>
        <figure className="forensics-figure">
          <PlotFigure options={observedFit} label={t("forensics.fingerprint.observed")} />
          <figcaption>
            {t("forensics.fingerprint.observed")} · {fp.fitBins}×{fp.fitBins}
          </figcaption>
        </figure>
        <figure className="forensics-figure">
          <PlotFigure options={fitted} label={t("forensics.fingerprint.fitted")} />
          <figcaption>
            {t("forensics.fingerprint.fitted")} · {fp.fitBins}×{fp.fitBins}
          </figcaption>
        </figure>
      </div>
      <figure className="forensics-figure">
        <PlotFigure options={marginals} label={t("forensics.fingerprint.marginals")} />
        <figcaption>{t("forensics.fingerprint.marginals")}</figcaption>
      </figure>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.fingerprint.parameter")}</th>
              <th scope="col" className="num">
                {t("forensics.fingerprint.estimate")}
              </th>
              <th scope="col" className="num">
                {t("forensics.fingerprint.se")}
              </th>
              <th scope="col" className="num">
                {t("forensics.fingerprint.interval")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                [t("forensics.fingerprint.fi"), f.fi],
                [t("forensics.fingerprint.fe"), f.fe],
              ] as const
            ).map(([label, e]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{n.n3(e.estimate)}</td>
                <td className="num">{n.n3(e.se)}</td>
                <td className="num">
                  {n.n3(e.interval[0])}–{n.n3(e.interval[1])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="card__hint">{t("forensics.fingerprint.caveat")}</p>
    </section>
  );
}

function BreakdownSection({
  breakdown,
  n,
  t,
}: {
  breakdown: NonNullable<ForensicsReport["breakdown"]>;
  n: N;
  t: T;
}) {
  const [rankBy, setRankBy] = useState<"integer" | "corner">("integer");
  const [all, setAll] = useState(false);
  const rows = useMemo(
    () =>
      rankBy === "integer"
        ? breakdown.areas
        : [...breakdown.areas].sort((a, b) => b.extremeCornerShare - a.extremeCornerShare),
    [breakdown.areas, rankBy],
  );
  const shown = all ? rows : rows.slice(0, 25);
  return (
    <section className="card forensics-section" aria-labelledby="forensics-breakdown">
      <h2 id="forensics-breakdown" className="card__title">
        {t("forensics.breakdown.title")}
      </h2>
      <p className="callout callout--info">{t("forensics.breakdown.reading", { level: breakdown.level })}</p>
      <div className="field" style={{ maxWidth: "22rem" }}>
        <label htmlFor="forensics-rank">{t("forensics.breakdown.rankBy")}</label>
        <select
          id="forensics-rank"
          className="select"
          value={rankBy}
          onChange={(e) => setRankBy(e.target.value === "corner" ? "corner" : "integer")}
        >
          <option value="integer">{t("forensics.breakdown.byInteger")}</option>
          <option value="corner">{t("forensics.breakdown.byCorner")}</option>
        </select>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="breakdown-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("forensics.breakdown.rank")}
              </th>
              <th scope="col">{t("forensics.breakdown.area")}</th>
              <th scope="col" className="num">
                {t("forensics.breakdown.stations")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.turnout")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.leader")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.observed")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.expected")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.excess")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.z")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.corner")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.secondDigit")}
              </th>
              <th scope="col" className="num">
                {t("forensics.breakdown.flags")}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={`${r.parent ?? ""}/${r.area}`}>
                <td className="num">{i + 1}</td>
                <th scope="row">{r.parent ? `${r.parent} / ${r.area}` : r.area}</th>
                <td className="num">{n.n0(r.stations)}</td>
                <td className="num">{n.pct(r.turnout)}</td>
                <td className="num">{n.pct(r.leaderShare)}</td>
                <td className="num">{n.n0(r.integer.observed)}</td>
                <td className="num">{n.n1(r.integer.expected)}</td>
                <td className="num">{n.n1(r.integer.excess)}</td>
                <td className="num">{n.n1(r.integer.z)}</td>
                <td className="num">{n.pct(r.extremeCornerShare)}</td>
                <td className="num">{n.n2(r.secondDigit.mean)}</td>
                <td className="num">{n.n0(r.arithmeticFlags)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!all && rows.length > shown.length && (
        <button type="button" className="button button--secondary" onClick={() => setAll(true)}>
          {t("forensics.breakdown.showAll", { count: rows.length })}
        </button>
      )}
    </section>
  );
}

function DigitsSection({ report, n, t }: { report: ForensicsReport; n: N; t: T }) {
  const d = report.digits;
  return (
    <section className="card forensics-section" aria-labelledby="forensics-digits">
      <h2 id="forensics-digits" className="card__title">
        {t("forensics.digits.title")}
      </h2>
      <p className="callout forensics-warning">{t("forensics.digits.caveat")}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.digits.contestant")}</th>
              <th scope="col" className="num">
                {t("forensics.digits.secondDigit")}
              </th>
              <th scope="col" className="num">
                {t("forensics.digits.interval")}
              </th>
              <th scope="col" className="num">
                {t("forensics.digits.lastDigitP")}
              </th>
              <th scope="col" className="num">
                {t("forensics.digits.zeroFive")}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.contestants.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td className="num">{n.n3(c.secondDigit.mean)}</td>
                <td className="num">
                  {n.n3(c.secondDigit.interval[0])}–{n.n3(c.secondDigit.interval[1])}
                </td>
                <td className="num">{n.p(c.lastDigit.pValue)}</td>
                <td className="num">{n.pct(c.zeroFive.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="card__hint">
        {t("forensics.digits.percentZeroFive", {
          turnout: n.pct(d.turnoutPercentZeroFive.share),
          leader: n.pct(d.leaderPercentZeroFive.share),
        })}
      </p>
    </section>
  );
}

function ArithmeticSection({ report, n, t }: { report: ForensicsReport; n: N; t: T }) {
  const a = report.arithmetic;
  return (
    <section className="card forensics-section" aria-labelledby="forensics-arithmetic">
      <h2 id="forensics-arithmetic" className="card__title">
        {t("forensics.arithmetic.title")}
      </h2>
      <p className="callout callout--info">
        {a.flaggedStations === 0
          ? t("forensics.arithmetic.allPass")
          : t("forensics.arithmetic.someFail", { count: a.flaggedStations })}
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("forensics.arithmetic.relation")}</th>
              <th scope="col" className="num">
                {t("forensics.arithmetic.failures")}
              </th>
            </tr>
          </thead>
          <tbody>
            {a.relations.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.description ?? r.id}</th>
                <td className="num">{n.n0(r.failures)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Upload({ electionId, onDone }: { electionId: string; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const upload = useUploadResults(electionId);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [layout, setLayout] = useState<"ru-cec" | "mapping">("ru-cec");
  const [mapping, setMapping] = useState("");
  const [missingFile, setMissingFile] = useState(false);
  const issues = uploadIssues(upload.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    setMissingFile(false);
    upload.mutate(
      {
        file,
        name,
        preset: layout === "ru-cec" ? "ru-cec" : null,
        mapping: layout === "mapping" ? mapping : null,
      },
      { onSuccess: ({ resultsSet }) => onDone(resultsSet.id) },
    );
  };

  return (
    <section className="card forensics-section" aria-labelledby="forensics-upload">
      <h2 id="forensics-upload" className="card__title">
        {t("forensics.upload.title")}
      </h2>
      <p className="card__hint">{t("forensics.upload.hint")}</p>
      <form className="form forensics-section" onSubmit={submit}>
        <div className="forensics-toolbar">
          <div className="field">
            <label htmlFor="forensics-file">{t("forensics.upload.file")}</label>
            <input
              id="forensics-file"
              type="file"
              className="input"
              accept=".csv,.txt,.tsv,.zip,.xlsx"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field">
            <label htmlFor="forensics-name">{t("forensics.upload.name")}</label>
            <input
              id="forensics-name"
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="forensics-layout">{t("forensics.upload.format")}</label>
            <select
              id="forensics-layout"
              className="select"
              value={layout}
              onChange={(e) => setLayout(e.target.value === "mapping" ? "mapping" : "ru-cec")}
            >
              <option value="ru-cec">{t("forensics.upload.presetRuCec")}</option>
              <option value="mapping">{t("forensics.upload.customMapping")}</option>
            </select>
          </div>
        </div>
        {layout === "mapping" && (
          <div className="field">
            <label htmlFor="forensics-mapping">{t("forensics.upload.customMapping")}</label>
            <textarea
              id="forensics-mapping"
              className="input forensics-mapping"
              value={mapping}
              onChange={(e) => setMapping(e.target.value)}
              placeholder={t("forensics.upload.mappingHint")}
            />
          </div>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={upload.isPending}>
            {upload.isPending ? t("forensics.upload.uploading") : t("forensics.upload.submit")}
          </button>
        </div>
      </form>
      {missingFile && <p role="alert">{t("forensics.upload.chooseFile")}</p>}
      {upload.isSuccess && (
        <p className="callout callout--info" role="status">
          {t("forensics.upload.done", {
            name: upload.data.resultsSet.name,
            stations: format.number(upload.data.resultsSet.stationCount),
          })}
        </p>
      )}
      {upload.isError && (
        <div className="callout callout--danger" role="alert">
          <h3 className="callout__title">{t("forensics.upload.rejected")}</h3>
          {issues.length === 0 ? (
            <p>{upload.error.message}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("forensics.upload.line")}
                    </th>
                    <th scope="col">{t("forensics.upload.column")}</th>
                    <th scope="col">{t("forensics.upload.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {issues.map((issue) => (
                    <tr key={`${issue.line ?? ""}-${issue.column ?? ""}-${issue.code}-${issue.message}`}>
                      <td className="num">{issue.line ?? ""}</td>
                      <td>{issue.column ?? ""}</td>
                      <td>{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
