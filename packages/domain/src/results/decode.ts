// Bytes -> text for results files: UTF-8 first (strict), then a legacy single-byte code page:
// Windows-1251 (Russian, Ukrainian spreadsheets saved as CSV) or Windows-1252 (Latin-1: Spanish,
// Portuguese, French files, e.g. Mexico's INE), told apart by how non-ASCII bytes sit: Cyrillic
// words are runs of them, Latin words have one accented letter between ASCII letters. And a pure
// unzip for archives holding one CSV.
import { unzipSync } from "fflate";
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import { DEFAULT_UPLOAD_LIMITS, expandedTooLarge, type UploadLimits } from "../common/upload-limits.ts";

/** Decodes CSV bytes: strict UTF-8, else Windows-1251 or Windows-1252 (legacyCodePage). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder(legacyCodePage(bytes)).decode(bytes);
  }
}

/**
 * Windows-1251 when 80% of the non-ASCII bytes have a non-ASCII neighbour (Cyrillic words; a
 * one-letter word is the exception), else Windows-1252 (Latin text: an accented letter mostly sits
 * between ASCII letters; Portuguese "ção" pairs two, rarely most of a file).
 */
export function legacyCodePage(bytes: Uint8Array): "windows-1251" | "windows-1252" {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) < 0x80) continue;
    high++;
    if ((bytes[i - 1] ?? 0) >= 0x80 || (bytes[i + 1] ?? 0) >= 0x80) paired++;
  }
  return high === 0 || paired >= 0.8 * high ? "windows-1251" : "windows-1252";
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
