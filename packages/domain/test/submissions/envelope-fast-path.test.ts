import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  plainEnvelope,
  SubmissionEnvelope,
  safeParseSubmissionEnvelope,
  submissionContent,
  submissionContentJson,
} from "../../src/index.ts";

// plainEnvelope skips zod for the common envelope: whatever it accepts, the schema must accept
// with the same output, and whatever the schema refuses it must leave to the schema.
// Mostly valid values, so that whole envelopes often are; the odd ones test each refusal.
const mostly = <T, U>(valid: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: odd, weight: 1 });
const uuid = mostly(
  fc.uuid(),
  fc.constantFrom(
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "0AF5C1B2-1111-4111-8111-111111111111",
    "0af5c1b2-1111-9111-8111-111111111111",
    "not-a-uuid",
    "",
  ),
);
const tricky = fc.constantFrom(
  "",
  " ",
  "a\u0000b",
  "\uD800",
  "\uDC00x",
  "\uD83D\uDE00",
  " lead",
  "trail ",
  "x".repeat(65),
);
const text = mostly(
  fc.string({ maxLength: 12 }),
  fc.oneof(tricky, fc.string({ unit: "binary", maxLength: 6 })),
);
const datetime = mostly(
  fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
  fc.constantFrom(
    "2019-11-17T10:00:00Z",
    "2019-11-17T10:00:00+03:00",
    "2019-11-17T10:00:00.123456-11:30",
    "2019-11-17T10:00Z",
    "2019-02-29T10:00:00Z",
    "2020-02-29T10:00:00Z",
    "2019-11-17 10:00:00Z",
    "2019-11-17T10:00:00",
    "2019-11-17T24:00:00Z",
  ),
);
const answer = mostly(
  fc.oneof(text, fc.double(), fc.integer(), fc.constant(null), fc.array(text, { maxLength: 3 })),
  fc.oneof(
    fc.array(fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(text, fc.integer())), { maxLength: 2 }),
    fc.constantFrom(true, undefined, {}, [1], Number.NaN, Number.POSITIVE_INFINITY),
  ),
);
const answers = mostly(
  fc.dictionary(mostly(fc.string({ maxLength: 6 }), fc.oneof(tricky, fc.constant("__proto__"))), answer, {
    maxKeys: 4,
  }),
  fc.constantFrom(null, [], "answers", 3),
);
const envelope = fc.record(
  {
    id: uuid,
    formId: uuid,
    formVersion: mostly(
      fc.integer({ min: 1, max: 5 }),
      fc.constantFrom(0, -1, 1.5, 2 ** 53, "1", Number.NaN),
    ),
    stationId: uuid,
    phaseCode: mostly(fc.constantFrom("election-day", "count"), text),
    observerId: mostly(uuid, fc.constant(undefined)),
    teamId: uuid,
    visitId: uuid,
    submittedAt: datetime,
    answers,
  },
  { requiredKeys: ["id", "formId", "formVersion", "stationId", "phaseCode", "submittedAt", "answers"] },
);
// Now and then a key the schema does not know (a refusal whatever the rest holds).
const anyEnvelope = mostly(
  envelope,
  fc.tuple(envelope, fc.string({ maxLength: 8 })).map(([value, key]) => ({ ...value, [key]: 1 })),
);

describe("the envelope's fast path", () => {
  it("accepts only what the schema accepts, with the schema's output", () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyEnvelope, (value) => {
        const fast = plainEnvelope(value);
        const parsed = SubmissionEnvelope.safeParse(value);
        if (fast !== undefined) {
          accepted++;
          expect(parsed.success).toBe(true);
          expect(fast).toStrictEqual(parsed.data);
        }
        // The public entry point answers as the schema does, fast path or not.
        const result = safeParseSubmissionEnvelope(value);
        expect(result.ok).toBe(parsed.success);
        if (result.ok && parsed.success) {
          expect(result.value).toStrictEqual(parsed.data);
          // The content hashed is the canonical JSON of the content, written directly or not.
          const observer = result.value.observerId ?? "00000000-0000-4000-8000-000000000051";
          expect(submissionContentJson(result.value, observer)).toBe(
            canonicalJson(submissionContent(result.value, observer)),
          );
        }
      }),
      { numRuns: 2000 },
    );
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(200);
  });

  it("takes the benchmark's and the phones' usual report", () => {
    const value = {
      id: "7b0c4a52-9a8e-4c1e-8f43-2f4f1b7d2a10",
      formId: "1c9e2d3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
      formVersion: 1,
      stationId: "2d3e4f50-6172-4384-a5b6-c7d8e9f0a1b2",
      phaseCode: "election-day",
      submittedAt: "2019-11-17T10:00:00Z",
      answers: { ballot_box_sealed: "yes", voters_counted: 120, issues: ["queue"], note: null },
    };
    expect(plainEnvelope(value)).toStrictEqual(SubmissionEnvelope.parse(value));
    // A copy, not the input: later changes to the request body do not reach the stored report.
    expect(plainEnvelope(value)?.answers).not.toBe(value.answers);
    // A repeat, a NUL, an unknown key: left to the schema.
    expect(plainEnvelope({ ...value, answers: { r: [{ a: 1 }] } })).toBeUndefined();
    expect(plainEnvelope({ ...value, answers: { a: "x\u0000" } })).toBeUndefined();
    expect(plainEnvelope({ ...value, other: 1 })).toBeUndefined();
  });
});
