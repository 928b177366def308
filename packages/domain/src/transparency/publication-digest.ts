/**
 * A publication's files as `scrutiny verify` reads them: each file's SHA-256 recomputed from its
 * stored bytes, and the text of datapackage.json. The publication's content hash (the one the log
 * records) is the SHA-256 of datapackage.json, which declares every other file's SHA-256 in its
 * resources' `hash` property; so one logged hash covers every byte of the snapshot.
 */
export interface PublicationFileDigest {
  readonly name: string;
  readonly sha256: string;
  /** The descriptor's text (datapackage.json only). */
  readonly text: string | null;
}

export const DESCRIPTOR_FILE = "datapackage.json";

/** What no longer matches in a publication's files; empty when the snapshot is intact. */
export function publicationFileProblems(
  contentHash: string,
  files: readonly PublicationFileDigest[],
): string[] {
  const descriptor = files.find((f) => f.name === DESCRIPTOR_FILE);
  if (descriptor === undefined || descriptor.text === null) return [`has lost its ${DESCRIPTOR_FILE}`];
  const problems: string[] = [];
  if (descriptor.sha256 !== contentHash) problems.push(`its ${DESCRIPTOR_FILE} was edited`);
  let declared: Map<string, string>;
  try {
    declared = declaredHashes(JSON.parse(descriptor.text));
  } catch {
    return [`its ${DESCRIPTOR_FILE} is not JSON`];
  }
  const stored = new Map(files.map((f) => [f.name, f.sha256]));
  for (const [path, hash] of declared) {
    const actual = stored.get(path);
    if (actual === undefined) problems.push(`has lost its file ${path}`);
    else if (`sha256:${actual}` !== hash) problems.push(`its file ${path} was edited`);
  }
  for (const name of stored.keys()) {
    if (name !== DESCRIPTOR_FILE && !declared.has(name))
      problems.push(`holds a file ${name} it never declared`);
  }
  return problems;
}

/** path -> `sha256:<hex>` of each resource of a descriptor. */
export function declaredHashes(descriptor: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const resources = (descriptor as { resources?: unknown }).resources;
  if (!Array.isArray(resources)) return out;
  for (const r of resources as { path?: unknown; hash?: unknown }[]) {
    if (typeof r.path === "string") out.set(r.path, typeof r.hash === "string" ? r.hash : "");
  }
  return out;
}
