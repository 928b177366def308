import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReviewDecision, Submission } from "../api/client.ts";
import { useReview } from "../api/queries.ts";
import { apiErrorText } from "../ui/apiError.ts";

const decisionsFor: Record<Submission["status"], readonly ReviewDecision[]> = {
  accepted: ["verify", "quarantine"],
  verified: ["quarantine", "release"],
  quarantined: ["verify", "release"],
};

/** Verify / Quarantine / Release, each asking for a reason in a dialog. */
export function ReviewActions({ submission, missionId }: { submission: Submission; missionId: string }) {
  const { t } = useTranslation();
  const review = useReview(submission.id, missionId);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState<ReviewDecision | null>(null);

  useEffect(() => {
    if (decision !== null && dialog.current !== null && !dialog.current.open) dialog.current.showModal();
  }, [decision]);

  const open = (next: ReviewDecision) => {
    review.reset();
    setReason("");
    setTouched(false);
    setDone(null);
    setDecision(next);
  };
  const close = () => {
    dialog.current?.close();
  };
  const tooShort = reason.trim().length < 3;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (decision === null || tooShort) return;
    review.mutate(
      { decision, reason: reason.trim() },
      {
        onSuccess: () => {
          setDone(decision);
          close();
        },
      },
    );
  };

  return (
    <section className="review-bar" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="review-bar__title">
        {t("review.title")}
      </h2>
      <div className="review-bar__actions">
        {decisionsFor[submission.status].map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={`button ${candidate === "quarantine" ? "button--danger" : "button--secondary"}`}
            onClick={() => open(candidate)}
          >
            {t(`review.${candidate}`)}
          </button>
        ))}
      </div>
      <p className="review-bar__done" role="status">
        {done !== null ? t(`review.done.${done}`) : ""}
      </p>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={`${id}-dialog-title`}
        onClose={() => setDecision(null)}
      >
        {decision !== null && (
          <form className="form" onSubmit={submit} noValidate>
            <h2 id={`${id}-dialog-title`} className="dialog__title">
              {t(`review.dialogTitle.${decision}`)}
            </h2>
            <p className="muted">{t(`review.explain.${decision}`)}</p>
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t("review.reason")}</label>
              <textarea
                id={`${id}-reason`}
                className="input textarea"
                rows={3}
                maxLength={1000}
                required
                aria-invalid={touched && tooShort}
                aria-describedby={`${id}-reason-hint`}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
              <p id={`${id}-reason-hint`} className={touched && tooShort ? "field__error" : "field__hint"}>
                {touched && tooShort ? t("review.reasonRequired") : t("review.reasonHint")}
              </p>
            </div>
            {review.isError && (
              <p className="callout callout--danger" role="alert">
                {apiErrorText(review.error, t)}
              </p>
            )}
            <div className="dialog__actions">
              <button type="button" className="button button--secondary" onClick={close}>
                {t("review.cancel")}
              </button>
              <button
                type="submit"
                className={`button ${decision === "quarantine" ? "button--danger" : "button--primary"}`}
                disabled={review.isPending}
              >
                {review.isPending ? t("review.saving") : t(`review.confirm.${decision}`)}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </section>
  );
}
