import type { AnswerValue, Question, RangeQuestion } from "@scrutiny/domain";
import { useState } from "react";
import type { Context } from "./context.ts";
import type { RendererMessages } from "./messages.ts";

/** What every control of a question takes from the question's frame. */
interface ControlProps {
  id: string;
  name: string;
  disabled: boolean;
  "aria-describedby": string | undefined;
  "aria-invalid": boolean;
}

/** Keeps what is typed ("1.", "-") while the answer is a number or empty. */
export function NumberInput({
  value,
  onChange,
  integer,
  ...rest
}: ControlProps & {
  value: number | null;
  onChange: (value: number | null) => void;
  integer: boolean;
}) {
  const [text, setText] = useState(value === null ? "" : String(value));
  return (
    <input
      {...rest}
      className="fr-input fr-input--short"
      type="text"
      inputMode={integer ? "numeric" : "decimal"}
      autoComplete="off"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const trimmed = event.target.value.trim().replace(",", ".");
        const parsed = trimmed === "" ? null : Number(trimmed);
        onChange(parsed === null || Number.isNaN(parsed) ? null : parsed);
      }}
    />
  );
}

const ACCEPT: Readonly<Record<string, string>> = {
  image: "image/*",
  audio: "audio/*",
  video: "video/*",
  file: "",
};

/** A photo (camera first on phones) or file; the answer is its SHA-256, the bytes stay with the caller. */
export function AttachmentInput({
  question,
  value,
  context,
  ...rest
}: ControlProps & {
  question: Question;
  value: AnswerValue;
  context: Context;
}) {
  const [busy, setBusy] = useState(false);
  const handler = context.attachments;
  if (handler === undefined) return <p className="fr-hint">{context.messages.attachmentUnavailable}</p>;
  const hash = typeof value === "string" ? value : undefined;
  const preview = hash === undefined ? undefined : handler.previewUrl(hash);
  return (
    <div className="fr-attachment">
      <input
        {...rest}
        className="fr-input"
        type="file"
        accept={ACCEPT[question.type] || undefined}
        capture={question.type === "image" ? "environment" : undefined}
        disabled={busy || rest.disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file === undefined) return;
          setBusy(true);
          void handler
            .add(file)
            .then((sha256) => context.onAnswer(question.name, sha256))
            .finally(() => setBusy(false));
        }}
      />
      {hash !== undefined && (
        <p className="fr-hint" data-attachment={hash}>
          {preview !== undefined && question.type === "image" && (
            <img className="fr-preview" src={preview} alt="" />
          )}
          {context.messages.attached}
        </p>
      )}
    </div>
  );
}

/** A slider from start to end; "not answered" until the observer moves it. */
export function RangeInput({
  question,
  value,
  onChange,
  messages,
  ...rest
}: ControlProps & {
  question: RangeQuestion;
  value: number | null;
  onChange: (value: number | null) => void;
  messages: RendererMessages;
}) {
  const low = Math.min(question.start, question.end);
  const high = Math.max(question.start, question.end);
  return (
    <div className="fr-range">
      <input
        {...rest}
        className="fr-input fr-input--range"
        type="range"
        min={low}
        max={high}
        step={question.step}
        value={value ?? low}
        onChange={(event) => onChange(Number(event.target.value))}
      />
      <output className="fr-range__value" htmlFor={rest.id}>
        {value === null ? messages.notAnswered : value}
      </output>
    </div>
  );
}

/** ODK's dateTime: the local date and time picked, with the device's offset (2024-03-01T07:30:00+03:00). */
export function DateTimeInput({
  value,
  onChange,
  ...rest
}: ControlProps & { value: string | null; onChange: (value: string | null) => void }) {
  return (
    <input
      {...rest}
      className="fr-input fr-input--short"
      type="datetime-local"
      value={value === null ? "" : value.slice(0, 16)}
      onChange={(event) => onChange(event.target.value === "" ? null : withOffset(event.target.value))}
    />
  );
}

/** `2024-03-01T07:30` (as the browser gives it) with seconds and the offset the device had then. */
export function withOffset(local: string): string {
  const minutesEast = -new Date(local).getTimezoneOffset();
  const sign = minutesEast < 0 ? "-" : "+";
  const abs = Math.abs(minutesEast);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A position from the phone's location ("latitude longitude altitude accuracy"), or typed in. */
export function GeopointInput({
  value,
  onChange,
  messages,
  ...rest
}: ControlProps & {
  value: string | null;
  onChange: (value: string | null) => void;
  messages: RendererMessages;
}) {
  const [state, setState] = useState<"idle" | "locating" | "failed">("idle");
  const locate = () => {
    if (!("geolocation" in navigator)) {
      setState("failed");
      return;
    }
    setState("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude, altitude, accuracy } = position.coords;
        onChange(`${latitude} ${longitude} ${altitude ?? 0} ${accuracy}`);
        setState("idle");
      },
      () => setState("failed"),
      { enableHighAccuracy: true, timeout: 30_000 },
    );
  };
  return (
    <div className="fr-geopoint">
      <button
        type="button"
        className="fr-add"
        disabled={rest.disabled || state === "locating"}
        onClick={locate}
      >
        {state === "locating" ? messages.locating : messages.usePosition}
      </button>
      {state === "failed" && <p className="fr-hint">{messages.positionUnavailable}</p>}
      <input
        {...rest}
        className="fr-input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        placeholder="53.9 27.56"
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value.trim() === "" ? null : event.target.value)}
      />
    </div>
  );
}
