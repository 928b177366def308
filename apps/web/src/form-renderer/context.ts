import {
  type AnswerValue,
  answerPath,
  type FormDefinition,
  type FormItem,
  type LocalizedText,
} from "@scrutiny/domain";
import type { ReactNode } from "react";
import type { LiveCheck } from "./issues.ts";
import type { RendererMessages } from "./messages.ts";

export type Answers = Readonly<Record<string, AnswerValue>>;

export interface FormRendererProps {
  readonly form: FormDefinition;
  /** One of the form's languages (see formLanguage). */
  readonly language: string;
  readonly answers: Answers;
  /** null, "" and [] mean "no answer". Repeats answer with the whole list of instances. */
  readonly onAnswer: (name: string, value: AnswerValue) => void;
  readonly check: LiveCheck;
  readonly messages: RendererMessages;
  /** Photos and files: without it, attachment questions say they cannot be answered here. */
  readonly attachments?: AttachmentHandler;
  /** Show what skip logic hides, greyed out and marked (a form designer's preview), instead of leaving it out. */
  readonly showSkipped?: boolean;
  /** Shown after each item (a preview's logic annotations). */
  readonly annotate?: (item: FormItem) => ReactNode;
  /** Renders the form's own texts (a preview shows every language at once); default: the chosen language. */
  readonly renderText?: (text: LocalizedText) => ReactNode;
}

/** Keeps a chosen file (the answer is its SHA-256) and shows it again from its hash. */
export interface AttachmentHandler {
  readonly add: (file: File) => Promise<string>;
  /** An object URL for an image preview, when the file is at hand. */
  readonly previewUrl: (sha256: string) => string | undefined;
}

/** The answers being filled in at this level: the report itself, or one repeat instance. */
export interface Scope {
  /** Path below `answers`: [] at the top, [repeat, index, ...] inside an instance. */
  readonly prefix: readonly (string | number)[];
  readonly answers: Answers;
  readonly onAnswer: (name: string, value: AnswerValue) => void;
}

export interface Context extends FormRendererProps {
  readonly scope: Scope;
  /** Inside something skip logic hides (shown only with showSkipped): controls are disabled. */
  readonly inSkipped?: boolean;
}

/** How the domain's report names an item of this scope (see answerPath). */
export function pathIn(scope: Scope, name: string): string {
  return answerPath([...scope.prefix, name]);
}

export function isUnanswered(value: AnswerValue | undefined): boolean {
  return (
    value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)
  );
}
