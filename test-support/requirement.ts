/**
 * Outside CI a suite whose requirement is missing is skipped and says so by name;
 * in CI (CI=true) a missing requirement fails the run instead.
 */
export function requirementMissing(suite: string, requirement: string): void {
  const line = `SKIPPED "${suite}": ${requirement}`;
  if (process.env["CI"] === "true") throw new Error(`${line} (a skip is a failure in CI)`);
  console.warn(line);
}
