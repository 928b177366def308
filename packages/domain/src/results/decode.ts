// Bytes -> text for results files: UTF-8 first (strict), then Windows-1251, the usual encoding of
// Russian-language spreadsheets saved as CSV; and a pure unzip for archives holding one CSV.
import { unzipSync } from "fflate";
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import { DEFAULT_UPLOAD_LIMITS, expandedTooLarge, type UploadLimits } from "../common/upload-limits.ts";

/** Decodes CSV bytes: strict UTF-8, falling back to Windows-1251 when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

/** True when the bytes start like a zip archive ("PK\x03\x04"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Extracts the single CSV (or TXT/TSV) file of a zip archive, refusing archives whose parts
 * expand beyond the limit before inflating anything (fflate inflates into buffers of the sizes
 * the archive declares, so the declared sizes bound the memory used).
 */
export function unzipSingleTable(
  bytes: Uint8Array,
  limits: Pick<UploadLimits, "maxExpandedBytes"> = DEFAULT_UPLOAD_LIMITS,
): Result<{ name: string; bytes: Uint8Array }, InputIssue> {
  let files: Record<string, Uint8Array>;
  try {
    let expanded = 0;
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted = !f.name.endsWith("/") && !f.name.startsWith("__MACOSX/");
        if (wanted) expanded += f.originalSize;
        if (expanded > limits.maxExpandedBytes) throw new RangeError("too large");
        return wanted;
      },
    });
  } catch (e) {
    if (e instanceof RangeError) return err(expandedTooLarge(limits));
    return err({ code: "bad_zip", message: `not a readable zip archive (${(e as Error).message})` });
  }
  const tables = Object.entries(files).filter(([name]) => /\.(csv|txt|tsv)$/i.test(name));
  const [first] = tables;
  if (!first || tables.length > 1) {
    return err({
      code: "zip_contents",
      message: `the zip must hold exactly one .csv file; it holds ${tables.length} (${Object.keys(files).join(", ") || "nothing"})`,
    });
  }
  return ok({ name: first[0], bytes: first[1] });
}
