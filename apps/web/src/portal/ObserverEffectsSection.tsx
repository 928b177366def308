// Observer effects a snapshot published: for each assessment indicator, the figure as reported and
// adjusted for how harshly or leniently teams rate, agreement between teams on doubly observed
// stations, and teams flagged (teams appear in observer-effects.json by pseudonymous id only).

import { TableRegion } from "../ui/TableRegion.tsx";
import type { PublishedObserverEffects } from "./api.ts";
import { percent } from "./format.ts";
import { usePortalText } from "./i18n.ts";

type Figure = PublishedObserverEffects["raw"];

const shown = (f: Figure) =>
  f === null ? "–" : `${percent(f.value)} (${percent(f.lower)} – ${percent(f.upper)})`;

export function ObserverEffectsSection({
  effects,
  indicatorName,
}: {
  effects: readonly PublishedObserverEffects[];
  indicatorName: (code: string) => string;
}) {
  const { t } = usePortalText();
  if (effects.length === 0) return null;
  return (
    <section aria-labelledby="observer-effects">
      <h2 id="observer-effects">{t("effects.title")}</h2>
      <p className="portal-lead">{t("effects.lead")}</p>
      <TableRegion>
        <table className="table portal-figures">
          <thead>
            <tr>
              <th scope="col">{t("election.indicator")}</th>
              <th scope="col">{t("effects.raw")}</th>
              <th scope="col">{t("effects.adjusted")}</th>
              <th scope="col">{t("effects.agreement")}</th>
              <th scope="col">{t("effects.teams")}</th>
            </tr>
          </thead>
          <tbody>
            {effects.map((e) => (
              <tr key={e.indicatorCode} data-effects={e.indicatorCode}>
                <th scope="row">{indicatorName(e.indicatorCode)}</th>
                <td>
                  {shown(e.raw)}
                  {e.raw?.denominator == null ? null : (
                    <div className="muted">
                      {e.raw.numerator ?? 0} / {e.raw.denominator}
                    </div>
                  )}
                </td>
                <td>{shown(e.adjusted)}</td>
                <td>
                  {e.kappa === null || e.kappa.value === null
                    ? t("effects.noAgreement")
                    : `κ = ${e.kappa.value.toFixed(2)} (${e.kappa.lower?.toFixed(2) ?? "–"} – ${e.kappa.upper?.toFixed(2) ?? "–"}), ${t("effects.stations", { n: e.doublyObservedStations })}`}
                </td>
                <td>
                  {t("effects.flagged", {
                    teams: e.teams,
                    harsh: e.flagged.harsh,
                    lenient: e.flagged.lenient,
                  })}
                  {/* The fit's note as the package states it, in English. */}
                  {e.issue === null ? null : (
                    <div className="muted" lang="en">
                      {e.issue}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
