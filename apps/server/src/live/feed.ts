// New reports as they are stored, per mission, for coordinators' live views (server-sent
// events). In-process: with several server processes each feed sees its own commits, and the
// view also refreshes its summary every minute (see ARCHITECTURE).
import {
  checkSubmission,
  type FormDefinition,
  findQuestion,
  type LocalizedText,
  questionsOf,
} from "@scrutiny/domain";
import type { SubmissionRow } from "@scrutiny/store";
import type { ReferenceCache } from "../ingestion/references.ts";

export interface CriticalAnswer {
  readonly name: string;
  readonly label: LocalizedText;
  readonly answer: unknown;
}

export interface LiveEvent {
  readonly submissionIds: readonly string[];
  /** Reports among them that raise a critical flag (the form's `criticalWhen`). */
  readonly critical: readonly {
    submissionId: string;
    stationId: string;
    questions: readonly CriticalAnswer[];
  }[];
}

type Listener = (event: LiveEvent) => void;

export class LiveFeed {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly references: ReferenceCache) {}

  subscribe(missionId: string, listener: Listener): () => void {
    const set = this.listeners.get(missionId) ?? new Set();
    set.add(listener);
    this.listeners.set(missionId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(missionId);
    };
  }

  /** Called with every commit's newly stored rows. */
  async publish(rows: readonly SubmissionRow[]): Promise<void> {
    const byMission = new Map<string, SubmissionRow[]>();
    for (const row of rows) {
      if (!this.listeners.has(row.missionId)) continue;
      byMission.set(row.missionId, [...(byMission.get(row.missionId) ?? []), row]);
    }
    for (const [missionId, missionRows] of byMission) {
      const critical = [];
      for (const row of missionRows) {
        const questions = await criticalAnswers(this.references, row.formId, row.formVersion, row.answers);
        if (questions.length > 0)
          critical.push({ submissionId: row.id, stationId: row.stationId, questions });
      }
      const event = { submissionIds: missionRows.map((row) => row.id), critical };
      for (const listener of this.listeners.get(missionId) ?? []) listener(event);
    }
  }
}

/** The critical questions these answers trip, by the form's own rule (the domain's validation). */
export async function criticalAnswers(
  references: ReferenceCache,
  formId: string,
  formVersion: number,
  answers: unknown,
): Promise<CriticalAnswer[]> {
  const form = await references.formVersion(formId, formVersion);
  if (form === undefined) return [];
  return checkSubmission(form.definition, answers).critical.map((flag) => ({
    name: flag.question,
    label: findQuestion(form.definition, flag.question)?.label ?? { en: flag.question },
    answer: flag.answer,
  }));
}

/** Whether a form has questions that can raise a critical flag. */
export function hasCriticalQuestions(definition: FormDefinition): boolean {
  return questionsOf(definition).some((question) => question.criticalWhen !== undefined);
}
