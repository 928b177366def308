// A form upload as the forms routes receive it: a JSON definition, workbook bytes, or multipart
// with the workbook and the files it uses beside it (select_*_from_file choices, pulldata CSVs).
// The files go to the importer by name; those the form uses are stored with the version.
import { createHash } from "node:crypto";
import { forms } from "@scrutiny/contract";
import type { FormDefinition } from "@scrutiny/domain";
import type { FormFile, Store } from "@scrutiny/store";
import type { FastifyRequest } from "fastify";
import { HttpError } from "../http/errors.ts";

export interface WorkbookUpload {
  readonly workbook: Uint8Array;
  /** The files uploaded beside it, by file name. */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

/** The workbook and its files of a multipart body; a body of bytes is a workbook alone. */
export async function readWorkbookUpload(body: Buffer, request: FastifyRequest): Promise<WorkbookUpload> {
  const contentType = request.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType)) return { workbook: new Uint8Array(body), files: {} };
  let parts: FormData;
  try {
    parts = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new HttpError(400, "invalid_multipart", "the multipart body cannot be read");
  }
  const { workbook: workbookPart, files: filesPart } = forms.FORM_UPLOAD_PARTS;
  let workbook: Uint8Array | undefined;
  const files: Record<string, Uint8Array> = {};
  for (const [field, value] of parts) {
    if (typeof value === "string")
      throw new HttpError(422, "invalid_upload", `the part '${field}' must be a file, not text`);
    const bytes = new Uint8Array(await value.arrayBuffer());
    if (field === workbookPart) {
      if (workbook !== undefined) throw new HttpError(422, "invalid_upload", "send one workbook");
      workbook = bytes;
    } else if (field === filesPart) {
      // Browsers send a name without its folder; some clients send a path.
      const name = value.name.split(/[\\/]/).pop() ?? "";
      if (name === "") throw new HttpError(422, "invalid_upload", "a file beside the workbook has no name");
      if (files[name] !== undefined)
        throw new HttpError(422, "invalid_upload", `two files are named '${name}'`);
      files[name] = bytes;
    } else
      throw new HttpError(
        422,
        "invalid_upload",
        `unknown part '${field}': send the XLSForm as '${workbookPart}' and each file it uses as '${filesPart}'`,
      );
  }
  if (workbook === undefined)
    throw new HttpError(
      422,
      "invalid_upload",
      `the XLSForm workbook is missing (the part '${workbookPart}')`,
    );
  return { workbook, files };
}

/** The definition's files, with their bytes, as the store keeps them. */
export function formFilesOf(
  definition: FormDefinition,
  files: Readonly<Record<string, Uint8Array>>,
): FormFile[] {
  return Object.entries(definition.mediaFiles ?? {}).flatMap(([name, media]) => {
    const bytes = files[name];
    if (bytes === undefined) return [];
    return [
      {
        sha256: media.sha256,
        md5: createHash("md5").update(bytes).digest("hex"),
        contentType: media.contentType,
        bytes,
      },
    ];
  });
}

/**
 * A JSON definition names its files by SHA-256 only: each must be stored already (a version
 * uploaded with them), or the form would name bytes nobody can download.
 */
export async function requireStoredFiles(store: Store, definition: FormDefinition): Promise<void> {
  const named = Object.entries(definition.mediaFiles ?? {});
  const stored = await store.forms.fileHashes(named.map(([, f]) => f.sha256));
  const missing = named.filter(([, f]) => !stored.has(f.sha256)).map(([name]) => name);
  if (missing.length > 0)
    throw new HttpError(
      422,
      "missing_form_file",
      `no stored file has the content that mediaFiles names for ${missing.map((n) => `'${n}'`).join(", ")}: upload the workbook with its files`,
      {
        issues: missing.map((name) => ({
          path: ["mediaFiles", name],
          code: "missing_form_file",
          message: `'${name}' is not stored`,
        })),
      },
      { names: missing },
    );
}
