import type { ElectionPhase } from "../api/client.ts";
import type { Format } from "../i18n/format.ts";

export function phaseLabel(phase: ElectionPhase | undefined, format: Format, code?: string): string {
  if (phase === undefined) return code ?? "";
  const name = format.localized(phase.name).text;
  return name === "" ? phase.code : name;
}
