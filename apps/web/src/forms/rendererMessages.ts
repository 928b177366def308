import type { RendererMessages } from "../form-renderer/index.ts";
import type { Translate } from "../i18n/format.ts";

/** The renderer's words in the analysts' catalogue. */
export function rendererMessages(t: Translate): RendererMessages {
  return {
    required: t("preview.required"),
    critical: t("forms.critical"),
    belowMin: (min) => t("preview.issue.belowMin", { min: min ?? "" }),
    aboveMax: (max) => t("preview.issue.aboveMax", { max: max ?? "" }),
    notInteger: t("preview.issue.notInteger"),
    tooLong: t("preview.issue.tooLong"),
    constraint: t("preview.issue.constraint"),
    requiredMissing: t("preview.issue.required"),
    other: t("preview.issue.other"),
    clearChoice: t("preview.clearChoice"),
    attached: t("preview.attached"),
    attachmentUnavailable: t("preview.attachmentUnavailable"),
    skipped: t("preview.skipped"),
    otherChoice: t("preview.otherChoice"),
    otherText: t("preview.otherText"),
    addInstance: t("preview.addInstance"),
    removeInstance: t("preview.removeInstance"),
    notAnswered: t("preview.notAnswered"),
    usePosition: t("preview.usePosition"),
    locating: t("preview.locating"),
    positionUnavailable: t("preview.positionUnavailable"),
    acknowledge: t("preview.acknowledge"),
  };
}
