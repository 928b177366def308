import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import type { ForensicsReport } from "./api.ts";
import { BreakdownSection } from "./BreakdownSection.tsx";
import { ArithmeticSection, DigitsSection } from "./DigitsSections.tsx";
import { ExclusionsSection } from "./ExclusionsSection.tsx";
import { FingerprintSection } from "./FingerprintSection.tsx";
import { HistogramSection, IntegerSection } from "./IntegerSections.tsx";
import { useNumbers } from "./numbers.ts";
import { Stat } from "./Stat.tsx";

/** A forensics report: the election in numbers, then one section per family of tests. */
export function Report({ report }: { report: ForensicsReport }) {
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
      <p className="card__hint">
        {el.leaderRule === "named"
          ? t("forensics.leaderNamed", { leader: el.leader })
          : t("forensics.leaderWinner", { leader: el.leader })}
      </p>
      {report.exclusions && (
        <ExclusionsSection x={report.exclusions} relations={report.arithmetic.relations} n={n} t={t} />
      )}
      <IntegerSection report={report} n={n} t={t} />
      <HistogramSection report={report} n={n} t={t} language={format.language} />
      {report.fingerprint && (
        <FingerprintSection
          fp={report.fingerprint}
          progress={report.fingerprintReplicates}
          n={n}
          t={t}
          language={format.language}
        />
      )}
      {report.breakdown && <BreakdownSection breakdown={report.breakdown} n={n} t={t} />}
      <DigitsSection report={report} n={n} t={t} language={format.language} />
      <ArithmeticSection report={report} n={n} t={t} />
    </>
  );
}
