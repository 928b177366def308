/**
 * Fuzzes every route of the generated OpenAPI document: random and mutated bodies (JSON of any
 * shape, bodies keyed by the route's own schema with hostile values, invalid JSON, raw bytes),
 * query strings and headers, with NUL bytes, lone surrogates, huge and deeply nested values, as
 * anonymous and signed-in callers. No answer may be a 5xx, and a rejected request stores
 * nothing: the row counts of every table are the same after it as before.
 *
 * `npm test` runs a bounded seeded subset (FUZZ_CASES, default 300 per database); `npm run fuzz` runs
 * 100,000 cases on PGlite (`FUZZ_CASES=100000 npx vitest run <this file> -t postgres` on PostgreSQL;
 * FUZZ_SEED picks another sequence). A failure prints the seed and the request.
 */
import { type Store, schema } from "@scrutiny/store";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import {
  type MissionFixture,
  nextAddress,
  PERSONAS,
  type Persona,
  personaUsername,
  seedWalkFixture,
  signInAs,
} from "./walk-fixture.ts";

const CASES = Number(process.env["FUZZ_CASES"] ?? 300);
const SEED = Number(process.env["FUZZ_SEED"] ?? 20261201);

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly bodyKeys: readonly string[];
  readonly queryKeys: readonly string[];
  readonly consumes: readonly string[];
}

/** Text no column can hold, or that parsers and limits trip on. */
const hostileStrings = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\ud83d",
    "",
    " ",
    "..",
    "../../etc/passwd",
    "%",
    "%00",
    "%ZZ",
    "\u202e",
    "\uffff",
    "null",
    "true",
    "-1",
    "1e309",
    "NaN",
    "00000000-0000-4000-8000-000000000000",
    '=HYPERLINK("x")',
    "<script>",
    "' or 1=1 --",
    "🗳️",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000`),
  fc.integer({ min: 300, max: 3000 }).map((n) => "w".repeat(n)),
);

/** A huge string, sent as such but printed by its length when a case fails. */
class Huge {
  constructor(readonly length: number) {}
  toJSON(): string {
    return "y".repeat(this.length);
  }
  [fc.toStringMethod](): string {
    return `Huge(${this.length})`;
  }
}
const huge = fc.integer({ min: 10_000, max: 3_000_000 }).map((n) => new Huge(n));

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileStrings,
    huge,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileStrings, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Nested `depth` levels deep, as JSON text (built when sent: fast-check never prints it whole). */
const deep = fc.record({ depth: fc.integer({ min: 50, max: 5000 }), arrays: fc.boolean() });
const deepJson = ({ depth, arrays }: { depth: number; arrays: boolean }): string =>
  arrays ? `${"[".repeat(depth)}"x"${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}`;

type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "deep"; depth: number; arrays: boolean }
  | { kind: "text"; text: string; contentType: string }
  | { kind: "bytes"; bytes: Uint8Array; contentType: string };

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "text/csv",
  "application/octet-stream",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=zz",
  "text/xml",
  "image/jpeg",
  "",
  "garbage/\u00ff",
);

function bodyFor(operation: Operation): fc.Arbitrary<Body> {
  const keyed =
    operation.bodyKeys.length === 0
      ? fc.dictionary(hostileStrings, hostileValue, { maxKeys: 5 })
      : fc.dictionary(fc.constantFrom(...operation.bodyKeys), hostileValue, {
          maxKeys: operation.bodyKeys.length,
        });
  return fc.oneof(
    fc.constant<Body>({ kind: "none" }),
    keyed.map<Body>((value) => ({ kind: "json", value })),
    keyed.map<Body>((value) => ({ kind: "json", value: [value] })),
    hostileValue.map<Body>((value) => ({ kind: "json", value })),
    deep.map<Body>((nesting) => ({ kind: "deep", ...nesting })),
    fc
      .record({ text: fc.oneof(fc.string({ maxLength: 200 }), hostileStrings), contentType: contentTypes })
      .map<Body>((b) => ({ kind: "text", ...b })),
    fc
      .record({
        bytes: fc.uint8Array({ maxLength: 4096 }),
        contentType: operation.consumes.length > 0 ? fc.constantFrom(...operation.consumes) : contentTypes,
      })
      .map<Body>((b) => ({ kind: "bytes", ...b })),
    fc
      .constantFrom("{", '{"a":', "[1,", '"\\ud800"', '{"a":"\\u0000"}', "\u0000", "{}}")
      .map<Body>((text) => ({
        kind: "text",
        text,
        contentType: "application/json",
      })),
  );
}

/** A query value, percent-encoded by hand: some sequences are deliberately not UTF-8. */
const queryPart = fc.oneof(
  hostileStrings.map((s) => encodeLoosely(s)),
  fc.constantFrom(
    "%00",
    "%ED%A0%80",
    "%FF",
    "%",
    "%E2%82",
    "a%2",
    "%u0000",
    "1",
    "true",
    "-5",
    "99999999999999999999",
  ),
);

function encodeLoosely(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // A lone surrogate has no UTF-8 form: send its (invalid) three-byte encoding.
    if (code >= 0xd800 && code <= 0xdfff)
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 63)).toString(16)}%${(0x80 | (code & 63)).toString(16)}`;
    else out += encodeURIComponent(char);
  }
  return out;
}

const extraHeaders = fc.dictionary(
  fc.constantFrom(
    "accept",
    "accept-language",
    "authorization",
    "x-forwarded-for",
    "origin",
    "sec-fetch-site",
    "if-none-match",
    "range",
    "x-openrosa-version",
    "accept-encoding",
    "cookie",
  ),
  fc.oneof(
    fc.constantFrom(
      "Bearer x",
      "Bearer ",
      "Basic !!!",
      "Basic dXNlcjpwYXNz",
      "*/*",
      "bytes=5-1",
      "bytes=0-",
      "https://evil.example",
      "cross-site",
      "scrutiny_session=forged",
      "gzip, br",
      "1.0",
    ),
    fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
  ),
  { maxKeys: 3 },
);

describeOnEachBackend("fuzz: no route answers a hostile request with a 5xx or stores it", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let missions: MissionFixture[] = [];
  const operations: Operation[] = [];
  const cookies = new Map<Persona, Record<string, string>>();
  let countAll: () => Promise<string>;
  let baseUrl = "";

  /** A live event stream never ends: its answer is its status line, read over a real socket. */
  async function streamStatus(url: string, headers: Record<string, string>) {
    const aborter = new AbortController();
    const response = await fetch(`${baseUrl}${url}`, { signal: aborter.signal, headers }).catch(
      () => undefined,
    );
    const body = response !== undefined && response.status >= 400 ? await response.text() : "";
    aborter.abort();
    return { statusCode: response?.status ?? 400, body };
  }

  beforeAll(async () => {
    store = getStore();
    app = await buildServer({ store });
    const fixture = await seedWalkFixture(store, app);
    missions = Object.values(fixture.missions);
    baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
    for (const persona of PERSONAS)
      if (persona !== "anonymous") cookies.set(persona, await signInAs(app, personaUsername(persona)));
    const doc = (await app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, Record<string, Json>>>;
    };
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, spec] of Object.entries(methods)) {
        const content = spec["requestBody"]?.content ?? {};
        const json = content["application/json"]?.schema;
        operations.push({
          method: method.toUpperCase(),
          path: path.replace(/\{([^}]+)\}/g, ":$1"),
          bodyKeys: Object.keys(json?.properties ?? {}),
          queryKeys: (spec["parameters"] ?? [])
            .filter((p: Json) => p.in === "query")
            .map((p: Json) => p.name),
          consumes: Object.keys(content).filter((type) => type !== "application/json"),
        });
      }
    const tables = Object.values(schema)
      .filter((table) => is(table, PgTable))
      .map((table) => getTableName(table as PgTable));
    const statement = `select ${tables.map((t) => `(select count(*) from "${t}")::int as "${t}"`).join(", ")}`;
    countAll = async () => {
      const result = (await store.db.execute(sql.raw(statement))) as unknown as { rows: unknown[] };
      return JSON.stringify(result.rows[0]);
    };
  }, 600_000);
  afterAll(async () => {
    await app.close();
  });

  const paramValue = (name: string, mission: MissionFixture, persona: Persona): string | undefined => {
    const values: Record<string, string> = {
      missionId: mission.id,
      electionId: mission.electionId,
      formId: mission.formId,
      version: "1",
      setId: mission.resultsSetIds[persona],
      source: mission.resultsSetIds[persona],
      code: mission.matchCodes[persona],
      name: mission.mappingName,
      observerId: mission.observerIds[1],
      teamId: mission.teamId,
      teamCode: mission.teamCode,
      phaseCode: mission.phaseCode,
      visitId: mission.visitId,
      submissionId: mission.submissionId,
      jobId: mission.jobId,
      userId: mission.granteeId,
      accountId: mission.granteeId,
      tokenId: mission.tokenId,
    };
    return values[name];
  };

  it(
    `answers ${CASES} hostile requests without a 5xx, storing nothing from those it refuses`,
    async () => {
      const request = fc.integer({ min: 0, max: operations.length - 1 }).chain((index) => {
        const operation = operations[index] as Operation;
        const names = [...operation.path.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? "*");
        return fc.record({
          operation: fc.constant(operation),
          persona: fc.constantFrom(...PERSONAS),
          mission: fc.integer({ min: 0, max: missions.length - 1 }),
          params: fc.array(fc.option(queryPart, { freq: 2, nil: undefined }), {
            minLength: names.length,
            maxLength: names.length,
          }),
          query: fc.array(
            fc.tuple(
              operation.queryKeys.length > 0
                ? fc.oneof(fc.constantFrom(...operation.queryKeys), queryPart)
                : queryPart,
              queryPart,
            ),
            { maxLength: 4 },
          ),
          headers: extraHeaders,
          body: bodyFor(operation),
        });
      });

      let before = await countAll();
      let run = 0;
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          run += 1;
          const mission = missions[r.mission] as MissionFixture;
          let i = 0;
          const path = r.operation.path.replace(
            /:([A-Za-z0-9_]+)|\*/g,
            (_whole, name: string | undefined) => {
              const fuzzed = r.params[i++];
              return fuzzed ?? encodeURIComponent(paramValue(name ?? "*", mission, r.persona) ?? "0");
            },
          );
          const query = r.query.map(([k, v]) => `${k}=${v}`).join("&");
          const headers: Record<string, string> = { ...r.headers };
          if (r.persona !== "anonymous" && headers["cookie"] === undefined)
            headers["cookie"] = `scrutiny_session=${cookies.get(r.persona)?.["scrutiny_session"] ?? ""}`;
          let payload: string | Buffer | undefined;
          if (r.body.kind === "json") {
            payload = JSON.stringify(r.body.value) ?? "null";
            headers["content-type"] = "application/json";
          } else if (r.body.kind === "deep") {
            payload = deepJson(r.body);
            headers["content-type"] = "application/json";
          } else if (r.body.kind === "text") {
            payload = r.body.text;
            headers["content-type"] = r.body.contentType;
          } else if (r.body.kind === "bytes") {
            payload = Buffer.from(r.body.bytes);
            headers["content-type"] = r.body.contentType;
          }
          const reads = r.operation.method === "GET" || r.operation.method === "HEAD";
          const url = `${path}${query === "" ? "" : `?${query}`}`;
          const response = r.operation.path.endsWith("/events")
            ? await streamStatus(url, headers)
            : await app.inject({
                method: r.operation.method as "GET",
                url,
                headers,
                remoteAddress: nextAddress(),
                ...(payload === undefined || reads ? {} : { payload }),
              });
          const described = `${r.operation.method} ${path}${query === "" ? "" : `?${query}`} as ${r.persona}`;
          expect(response.statusCode, `${described}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          const after = await countAll();
          if (response.statusCode >= 400)
            expect(after, `${described} was refused but stored rows`).toBe(before);
          before = after;
          // Signing out ends the persona's session: sign in again (a row of the test's own).
          if (r.operation.path.startsWith("/api/v1/auth/sign-out") && r.persona !== "anonymous") {
            cookies.set(r.persona, await signInAs(app, personaUsername(r.persona)));
            before = await countAll();
          }
        }),
        { numRuns: CASES, seed: SEED, endOnFailure: true, verbose: 1 },
      );
      expect(run).toBeGreaterThanOrEqual(CASES);
    },
    Math.max(600_000, CASES * 250),
  );
});

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON
type Json = any;
