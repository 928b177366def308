// Every figure can be downloaded: its table as CSV or XLSX, its chart as SVG or PNG.
import {
  type ExportTable,
  type TableCell,
  tableFromRecords,
  tablesToXlsx,
  tableToCsv,
} from "@scrutiny/domain";

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rows as CSV (header from the first row's keys), formula-like text neutralised by the domain's rule. */
export function downloadCsv(rows: readonly Readonly<Record<string, TableCell>>[], fileName: string): void {
  downloadTable(tableFromRecords(fileName, rows), "csv", fileName);
}

/** A table as CSV or a one-sheet XLSX, written by the domain exactly as the server writes its exports. */
export function downloadTable(table: ExportTable, format: "csv" | "xlsx", fileName: string): void {
  const blob =
    format === "csv"
      ? new Blob([tableToCsv(table)], { type: "text/csv;charset=utf-8" })
      : new Blob([tablesToXlsx([table]) as Uint8Array<ArrayBuffer>], {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        });
  save(blob, fileName);
}

function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  if (!clone.getAttribute("width")) clone.setAttribute("width", String(svg.clientWidth || 640));
  if (!clone.getAttribute("height")) clone.setAttribute("height", String(svg.clientHeight || 400));
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent = "text{font-family:system-ui,sans-serif;font-size:11px}";
  clone.prepend(style);
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  save(new Blob([svgText(svg)], { type: "image/svg+xml" }), fileName);
}

export function downloadPng(svg: SVGSVGElement, fileName: string): void {
  const text = svgText(svg);
  const width = Number(svg.getAttribute("width")) || svg.clientWidth || 640;
  const height = Number(svg.getAttribute("height")) || svg.clientHeight || 400;
  const image = new Image();
  image.onload = () => {
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext("2d");
    if (!context) return;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    canvas.toBlob((blob) => {
      if (blob) save(blob, fileName);
    }, "image/png");
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}
