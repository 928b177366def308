// `scrutiny serve` logs each request once, as one JSON line written when it is answered (method,
// URL, status, response time, request id); no line on arrival, no cookie or password.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Served, serve, stop } from "./serve-process.ts";

interface LogLine {
  readonly msg: string;
  readonly reqId?: string;
  readonly req?: { readonly method?: string; readonly url?: string };
  readonly res?: { readonly statusCode?: number };
  readonly responseTime?: number;
}

const logLines = (output: string): LogLine[] =>
  output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);

describe("serve's request log", () => {
  const root = mkdtempSync(join(tmpdir(), "scrutiny-request-log-"));
  let served: Served | undefined;
  afterAll(async () => {
    await stop(served);
    rmSync(root, { recursive: true, force: true });
  });

  it("writes one line per answered request with its method, URL, status and id, none on arrival", async () => {
    served = await serve(["--no-demo", "--data-dir", join(root, "data")], { SCRUTINY_LOG_LEVEL: "info" });
    const answers = [
      await fetch(`${served.origin}/health`),
      await fetch(`${served.origin}/api/v1/elections`),
      await fetch(`${served.origin}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: "scrutiny_session=ses_secret_value" },
        body: JSON.stringify({ username: "nobody.here", password: "not-the-password" }),
      }),
    ];
    const ids = answers.map((answer) => answer.headers.get("x-request-id"));
    const output = served.output;
    // The log is written asynchronously: its lines may reach the pipe a moment after the answers.
    const logged = () => logLines(output()).filter((line) => line.msg === "request completed").length;
    for (let attempt = 0; attempt < 100 && logged() < answers.length; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines(output());
    expect(lines.some((line) => line.msg === "incoming request")).toBe(false);
    const expected = [
      ["GET", "/health", 200],
      ["GET", "/api/v1/elections", 401],
      ["POST", "/api/v1/auth/sign-in", answers[2]?.status],
    ] as const;
    expected.forEach(([method, url, status], i) => {
      const mine = lines.filter((line) => line.reqId === ids[i]);
      expect(
        mine.filter((line) => line.msg === "request completed"),
        url,
      ).toHaveLength(1);
      const line = mine.find((l) => l.msg === "request completed");
      expect(line?.req).toMatchObject({ method, url });
      expect(line?.res?.statusCode).toBe(status);
      expect(line?.responseTime).toBeGreaterThanOrEqual(0);
    });
    expect(output()).not.toContain("ses_secret_value");
    expect(output()).not.toContain("not-the-password");
  }, 120_000);
});
