import { describe, expect, it } from "vitest";
import { DEFAULT_REPLICATES, replicateCountsFromEnvironment } from "../src/forensics/fingerprint-job.ts";

describe("fingerprint replicate counts from the environment", () => {
  it("keeps the defaults when nothing is set", () => {
    expect(replicateCountsFromEnvironment({})).toEqual(DEFAULT_REPLICATES);
  });

  it("takes whole numbers, 0 included, for either part", () => {
    expect(
      replicateCountsFromEnvironment({
        SCRUTINY_FINGERPRINT_BOOTSTRAP: " 50 ",
        SCRUTINY_FINGERPRINT_NULL_REPLICATES: "0",
      }),
    ).toEqual({ ...DEFAULT_REPLICATES, bootstrap: 50, lrReplicates: 0 });
  });

  it("refuses anything else, naming the setting", () => {
    expect(() => replicateCountsFromEnvironment({ SCRUTINY_FINGERPRINT_BOOTSTRAP: "-1" })).toThrow(
      /SCRUTINY_FINGERPRINT_BOOTSTRAP wants a whole number/,
    );
    expect(() => replicateCountsFromEnvironment({ SCRUTINY_FINGERPRINT_NULL_REPLICATES: "9.5" })).toThrow(
      /SCRUTINY_FINGERPRINT_NULL_REPLICATES/,
    );
  });
});
