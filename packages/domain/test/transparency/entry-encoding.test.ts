import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, encodeLogEntry, LogEntry, submissionEntryText } from "../../src/index.ts";

// The general encoding, as it was before the fast path for submissions' entries.
function general(index: number, entry: unknown): string {
  return canonicalJson({ ...LogEntry.parse(entry), index });
}

const odd = <T, U>(valid: fc.Arbitrary<T>, others: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 10 }, { arbitrary: others, weight: 1 });
const id = odd(fc.uuid(), fc.constantFrom("x", "", "0AF5C1B2-1111-4111-8111-11111111111G", 7));
const entry = fc.record(
  {
    kind: odd(fc.constant("submission"), fc.constantFrom("revision", "review", "")),
    id,
    mission: id,
    contentHash: odd(
      fc.stringMatching(/^[0-9a-f]{64}$/),
      fc.oneof(fc.string({ maxLength: 3 }), fc.constant("h".repeat(257)), fc.string({ unit: "binary" })),
    ),
    extra: fc.constant(1),
  },
  { requiredKeys: ["kind", "id", "mission", "contentHash"] },
);

describe("the log entry of a stored report", () => {
  it("is encoded by the fast path exactly as by the schema and canonical JSON", () => {
    let fast = 0;
    fc.assert(
      fc.property(entry, odd(fc.nat(), fc.constantFrom(-1, 1.5, Number.NaN)), (value, index) => {
        const text = submissionEntryText(index, value);
        let expected: string | undefined;
        try {
          expected = general(index, value);
        } catch {
          expected = undefined;
        }
        if (text !== undefined) {
          fast++;
          expect(text).toBe(expected);
        }
        if (expected === undefined) expect(() => encodeLogEntry(index, value as LogEntry)).toThrow();
        else expect(encodeLogEntry(index, value as LogEntry)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(100);
  });
});
