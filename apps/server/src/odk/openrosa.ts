// The XML documents of the OpenRosa APIs ODK Collect speaks (https://docs.getodk.org/openrosa/):
// the Form List (xformsList), the form's Manifest (xformsManifest) and the response to a
// submission (OpenRosaResponse). Every reply carries X-OpenRosa-Version: 1.0.
import { createHash } from "node:crypto";
import { odk } from "@scrutiny/contract";

export const OPENROSA_VERSION = "1.0";
export const FORM_LIST_NS = "http://openrosa.org/xforms/xformsList";
export const MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest";
export const RESPONSE_NS = "http://openrosa.org/http/response";
/** The largest submission (XML plus attachments) announced to ODK Collect and accepted. */
export const MAX_SUBMISSION_BYTES = odk.MAX_ODK_SUBMISSION_BYTES;

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

/** OpenRosa hashes are `md5:` and the hex MD5 of the file's bytes. */
export function openRosaHash(content: string | Uint8Array): string {
  return `md5:${createHash("md5").update(content).digest("hex")}`;
}

export interface FormListEntry {
  readonly formId: string;
  readonly name: string;
  readonly version: string;
  readonly hash: string;
  readonly descriptionText?: string;
  readonly downloadUrl: string;
  readonly manifestUrl?: string;
}

export function formListXml(entries: readonly FormListEntry[]): string {
  const forms = entries
    .map((entry) =>
      [
        "<xform>",
        `<formID>${escapeXml(entry.formId)}</formID>`,
        `<name>${escapeXml(entry.name)}</name>`,
        `<version>${escapeXml(entry.version)}</version>`,
        `<hash>${escapeXml(entry.hash)}</hash>`,
        entry.descriptionText === undefined
          ? ""
          : `<descriptionText>${escapeXml(entry.descriptionText)}</descriptionText>`,
        `<downloadUrl>${escapeXml(entry.downloadUrl)}</downloadUrl>`,
        entry.manifestUrl === undefined ? "" : `<manifestUrl>${escapeXml(entry.manifestUrl)}</manifestUrl>`,
        "</xform>",
      ].join(""),
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xforms xmlns="${FORM_LIST_NS}">${forms}</xforms>`;
}

export interface MediaFile {
  readonly filename: string;
  readonly hash: string;
  readonly downloadUrl: string;
}

export function manifestXml(files: readonly MediaFile[]): string {
  const media = files
    .map(
      (file) =>
        `<mediaFile><filename>${escapeXml(file.filename)}</filename><hash>${escapeXml(file.hash)}</hash><downloadUrl>${escapeXml(file.downloadUrl)}</downloadUrl></mediaFile>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<manifest xmlns="${MANIFEST_NS}">${media}</manifest>`;
}

export function responseXml(message: string, nature: "submit_success" | "error" = "submit_success"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<OpenRosaResponse xmlns="${RESPONSE_NS}"><message nature="${nature}">${escapeXml(message)}</message></OpenRosaResponse>`;
}
