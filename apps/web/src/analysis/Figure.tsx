// A figure with its title and downloads: the data as CSV and, when it holds a chart, SVG and PNG.
import type * as Plot from "@observablehq/plot";
import type { TableCell } from "@scrutiny/domain";
import { type ReactNode, useRef } from "react";
import { useTranslation } from "react-i18next";
import { PlotChart as Chart } from "../ui/PlotChart.tsx";
import { downloadCsv, downloadPng, downloadSvg } from "./download.ts";

export function Figure({
  id,
  title,
  hint,
  rows,
  fileName,
  chart = false,
  children,
}: {
  id: string;
  title: string;
  hint?: ReactNode;
  rows: readonly Readonly<Record<string, TableCell>>[];
  fileName: string;
  chart?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const body = useRef<HTMLDivElement>(null);
  const svg = () => body.current?.querySelector("svg") ?? null;
  return (
    <figure className="card analysis-figure" aria-labelledby={`${id}-title`} data-figure={id}>
      <div className="card__header analysis-figure__header">
        <h3 className="card__title" id={`${id}-title`}>
          {title}
        </h3>
        <fieldset className="analysis-figure__downloads">
          <legend className="visually-hidden">{t("analysis.download")}</legend>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => downloadCsv(rows, `${fileName}.csv`)}
          >
            CSV
          </button>
          {chart && (
            <>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  const s = svg();
                  if (s) downloadSvg(s, `${fileName}.svg`);
                }}
              >
                SVG
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  const s = svg();
                  if (s) downloadPng(s, `${fileName}.png`);
                }}
              >
                PNG
              </button>
            </>
          )}
        </fieldset>
        {hint && <p className="card__hint analysis-figure__hint">{hint}</p>}
      </div>
      <div className="card__body" ref={body}>
        {children}
      </div>
    </figure>
  );
}

/** An analysis chart (Observable Plot). */
export function PlotChart({ options, label }: { options: Plot.PlotOptions; label: string }) {
  return <Chart options={options} label={label} className="analysis-plot" />;
}
