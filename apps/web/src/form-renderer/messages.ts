/**
 * The renderer's own words (not the form's): each app passes them in its language, so the
 * renderer works under the analysts' i18next and in the observer app's small dictionary alike.
 */
export interface RendererMessages {
  readonly required: string;
  readonly critical: string;
  readonly belowMin: (min: number | undefined) => string;
  readonly aboveMax: (max: number | undefined) => string;
  readonly notInteger: string;
  readonly tooLong: string;
  /** When the question has no constraint message of its own. */
  readonly constraint: string;
  readonly requiredMissing: string;
  readonly other: string;
  readonly clearChoice: string;
  /** Shown under a photo or file question once one is chosen. */
  readonly attached: string;
  /** Shown instead of a file input when the caller cannot keep files. */
  readonly attachmentUnavailable: string;
  /** Marks what skip logic hides, when a preview shows it anyway. */
  readonly skipped: string;
  /** The extra choice of an or_other select, and the label of the text that says what it is. */
  readonly otherChoice: string;
  readonly otherText: string;
  /** Repeats: add one more instance (an incident, a candidate...), or remove this one. */
  readonly addInstance: string;
  readonly removeInstance: string;
  /** A slider not moved yet. */
  readonly notAnswered: string;
  /** Geopoints: take the phone's position. */
  readonly usePosition: string;
  readonly locating: string;
  readonly positionUnavailable: string;
  /** The box of an acknowledge question. */
  readonly acknowledge: string;
}
