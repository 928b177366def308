// A mission sets up and runs its own election from nothing, through the public command line and
// HTTP API only (no demo code, no store calls): the election file, a stations file of its own,
// two missions, staff accounts, a roster, its own sample with unequal inclusion probabilities, a
// form from an XLSForm, reports by observers. The estimate is checked against a Horvitz-Thompson
// (Hájek) estimator written here, and the other mission's staff can neither read nor change any
// of it. Runs on PGlite and on PostgreSQL.
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeXlsx } from "@scrutiny/domain";
import { buildServer } from "@scrutiny/server";
import { openStore, type Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../../../test-support/backends.ts";
import { requirementMissing } from "../../../test-support/requirement.ts";
import { main } from "../src/main.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

/** Runs `scrutiny ...args` in this process (the same entry point as the binary), capturing its output. */
async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    process.exitCode = 0;
    const code = await main(["node", "scrutiny", ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = 0;
  }
}

const electionFile = `# Departmental elections of a country the demo knows nothing of
code: uy-departamentales-2030
name: { es: Elecciones departamentales 2030 }
country: UY
electionDate: "2030-05-12"
timeZone: America/Montevideo
languages: [es]
phases:
  - { code: jornada, kind: election_day, date: "2030-05-12", name: { es: Jornada electoral }, opensAt: "08:00", closesAt: "19:30" }
  - { code: escrutinio-primario, kind: count, date: "2030-05-12", name: { es: Escrutinio primario }, opensAt: "19:30" }
contests:
  - code: intendencia-rv
    name: { es: Intendencia de Rivera }
    entries:
      - { code: "01", name: Lucía Ferreira, party: Frontera Unida }
      - { code: "02", name: Tomás Brum }
`;

/** 90 voting circuits in two departments, three municipalities each. */
function circuitsCsv(): string {
  const lines = ["Circuito,Local,Habilitados,Departamento,Municipio"];
  for (let i = 1; i <= 90; i++) {
    const department = i <= 50 ? "RV" : "TA";
    lines.push(
      `C${String(i).padStart(4, "0")},Escuela ${i},${250 + ((i * 37) % 400)},${department},${department}-M${(i % 3) + 1}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const circuitsMapping = {
  code: "Circuito",
  name: "Local",
  registeredVoters: "Habilitados",
  areas: [
    { level: "departamento", code: "Departamento" },
    { level: "municipio", code: "Municipio" },
  ],
};

/**
 * The citizen mission's own sample, drawn by its statistician with unequal probabilities
 * (larger circuits more likely), stratified by department; y = the ballot box was not sealed.
 */
const sample: { code: string; stratum: string; pi: number; unsealed: boolean }[] = [
  { code: "C0003", stratum: "rivera", pi: 0.08, unsealed: true },
  { code: "C0007", stratum: "rivera", pi: 0.08, unsealed: false },
  { code: "C0012", stratum: "rivera", pi: 0.1, unsealed: true },
  { code: "C0019", stratum: "rivera", pi: 0.25, unsealed: false },
  { code: "C0024", stratum: "rivera", pi: 0.3, unsealed: false },
  { code: "C0031", stratum: "rivera", pi: 0.3, unsealed: false },
  { code: "C0040", stratum: "rivera", pi: 0.45, unsealed: true },
  { code: "C0055", stratum: "tacuarembo", pi: 0.125, unsealed: true },
  { code: "C0061", stratum: "tacuarembo", pi: 0.2, unsealed: false },
  { code: "C0077", stratum: "tacuarembo", pi: 0.5, unsealed: false },
  { code: "C0088", stratum: "tacuarembo", pi: 0.5, unsealed: true },
];

const roster = [
  "numero,nombre,telefono,equipo",
  "4101,Valentina Píriz,+598 99 123 401,E1",
  "4102,Joaquín Silveira,+598 99 123 402,E1",
  "4103,Florencia Olivera,+598 99 123 403,E2",
  "4104,Martín Da Rosa,+598 99 123 404,E2",
].join("\n");

/** A voting checklist as an XLSForm workbook, with skip logic. */
function checklist(): Uint8Array {
  return writeXlsx([
    {
      name: "survey",
      rows: [
        ["type", "name", "label::Español (es)", "relevant", "required", "constraint"],
        ["select_one sn", "urna_sellada", "¿La urna estaba sellada?", "", "yes", ""],
        ["text", "problema", "¿Qué problema tenía el sello?", "${urna_sellada} = 'no'", "yes", ""],
        ["integer", "votantes", "Votantes en la hora", "", "", ". >= 0"],
      ],
    },
    {
      name: "choices",
      rows: [
        ["list_name", "name", "label::Español (es)"],
        ["sn", "si", "Sí"],
        ["sn", "no", "No"],
      ],
    },
    {
      name: "settings",
      rows: [
        ["form_title", "form_id", "version", "default_language", "form_kind"],
        ["Lista de control: votación", "votacion-ojo", "1", "Español (es)", "voting"],
      ],
    },
  ]);
}

/** The Hájek (ratio Horvitz-Thompson) estimate of the share of stations with y = 1: Σ y/π / Σ 1/π. */
function hajek(units: readonly { pi: number; y: boolean }[]): number {
  const weight = units.reduce((sum, u) => sum + 1 / u.pi, 0);
  return units.reduce((sum, u) => sum + (u.y ? 1 / u.pi : 0), 0) / weight;
}

for (const backend of ["pglite", "postgres"] as const) {
  const title = `a mission runs its own election from nothing [${backend}]`;
  if (backend === "postgres" && inject("postgresUrl") === null) {
    requirementMissing(title, "PostgreSQL is unreachable (set TEST_DATABASE_URL)");
    describe.skip(title, () => {});
    continue;
  }
  describe(title, () => {
    const dir = mkdtempSync(join(tmpdir(), "scrutiny-own-election-"));
    const file = (name: string) => join(dir, name);
    let storage: string[] = [];
    let drop: (() => Promise<void>) | undefined;
    let store: Store | undefined;
    let app: FastifyInstance;
    let adminPassword = "";
    const cookies: Record<string, Record<string, string>> = {};
    const ids: Record<string, string> = {};

    const api = async (
      who: string,
      method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
      url: string,
      payload?: unknown,
      headers?: Record<string, string>,
    ) =>
      app.inject({
        method,
        url,
        cookies: cookies[who] ?? {},
        ...(payload === undefined ? {} : { payload: payload as string }),
        ...(headers ? { headers } : {}),
      });
    const signIn = async (who: string, username: string, password: string) => {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { username, password },
      });
      expect(response.statusCode, response.body).toBe(200);
      cookies[who] = {
        scrutiny_session: response.cookies.find((c) => c.name === "scrutiny_session")?.value ?? "",
      };
    };

    beforeAll(async () => {
      if (backend === "postgres") {
        const adminUrl = inject("postgresUrl");
        if (adminUrl === null) throw new Error("PostgreSQL unavailable");
        const scratch = await createScratchDatabase(adminUrl);
        drop = scratch.drop;
        storage = ["--database-url", scratch.url];
      } else storage = ["--data-dir", file("data")];
      writeFileSync(file("eleccion.yaml"), electionFile);
      writeFileSync(file("circuitos.csv"), circuitsCsv());
      writeFileSync(file("circuitos-mapeo.json"), JSON.stringify(circuitsMapping));
      writeFileSync(file("observadores.csv"), roster);
      writeFileSync(
        file("observadores-mapeo.json"),
        JSON.stringify({ code: "numero", name: "nombre", phone: "telefono", team: "equipo" }),
      );
      writeFileSync(
        file("muestra.csv"),
        `estrato_ignorado,station,probability,stratum\n${sample.map((s) => `x,${s.code},${s.pi},${s.stratum}`).join("\n")}\n`,
      );
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await drop?.();
    });

    it("sets up the election, its stations, two missions, a roster and an imported sample with the CLI", async () => {
      const steps: string[][] = [
        ["admin", "create", "--username", "jefa-sistema"],
        ["election", "create", "--file", file("eleccion.yaml")],
        [
          "import",
          "stations",
          file("circuitos.csv"),
          "--election",
          "uy-departamentales-2030",
          "--mapping",
          file("circuitos-mapeo.json"),
        ],
        [
          "mission",
          "create",
          "--election",
          "uy-departamentales-2030",
          "--code",
          "ojo-ciudadano",
          "--name",
          "Ojo Ciudadano",
          "--kind",
          "citizen",
          "--languages",
          "es",
        ],
        [
          "mission",
          "create",
          "--election",
          "uy-departamentales-2030",
          "--code",
          "mision-mercosur",
          "--name",
          "Misión Mercosur",
          "--kind",
          "international",
          "--languages",
          "es,pt",
        ],
        [
          "import",
          "observers",
          file("observadores.csv"),
          "--mission",
          "ojo-ciudadano",
          "--election",
          "uy-departamentales-2030",
          "--mapping",
          file("observadores-mapeo.json"),
        ],
        [
          "sample",
          "import",
          "--mission",
          "ojo-ciudadano",
          "--election",
          "uy-departamentales-2030",
          "--file",
          file("muestra.csv"),
        ],
      ];
      const outputs: string[] = [];
      for (const args of steps) {
        const run = await cli([...args, ...storage]);
        expect(run.code, `${args.slice(0, 2).join(" ")}: ${run.stderr}`).toBe(0);
        outputs.push(run.stdout);
      }
      adminPassword = /password: (\S+)/.exec(outputs[0] ?? "")?.[1] ?? "";
      expect(adminPassword).not.toBe("");
      expect(outputs[2]).toContain("stations: 90 added");
      expect(outputs[5]).toContain("observers: 4 added");
      // N_h estimated as Σ 1/π: Rivera 12.5+12.5+10+4+3.33+3.33+2.22 = 47.9 -> 48; Tacuarembó 8+5+2+2 = 17.
      expect(outputs[6]).toMatch(/rivera\s+48\s+7/);
      expect(outputs[6]).toMatch(/tacuarembo\s+17\s+4/);
      expect(outputs[6]).toContain("plan version 1 is proposed");

      // A sample naming a circuit the election does not have, or a bad probability: refused by line.
      writeFileSync(file("mala.csv"), "station,probability\nC0003,0.2\nC9999,0.2\nC0004,0\nC0003,0.1\n");
      const bad = await cli([
        "sample",
        "import",
        "--mission",
        "ojo-ciudadano",
        "--file",
        file("mala.csv"),
        ...storage,
      ]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(
        'mala.csv: line 4, column "probability": an inclusion probability is a number in (0, 1]',
      );
      expect(bad.stderr).toContain('mala.csv: line 5, column "station": station C0003 is already on line 2');
      writeFileSync(file("desconocida.csv"), "station,probability\nC0003,0.2\nC9999,0.2\n");
      const unknown = await cli([
        "sample",
        "import",
        "--mission",
        "ojo-ciudadano",
        "--file",
        file("desconocida.csv"),
        ...storage,
      ]);
      expect(unknown.stderr).toContain("desconocida.csv: line 3: no station C9999 in this election");

      const opened = await openStore(
        backend === "postgres" ? { databaseUrl: storage[1] } : { dataDir: file("data") },
      );
      if (!opened.ok) throw new Error(opened.error.message);
      store = opened.value;
      app = await buildServer({ store });
    }, 600_000);

    it("the administrator creates the staff accounts of both missions", async () => {
      await signIn("admin", "jefa-sistema", adminPassword);
      const elections = (await api("admin", "GET", "/api/v1/elections")).json().elections;
      const election = elections.find((e: Json) => e.code === "uy-departamentales-2030");
      ids["election"] = election.id;
      const missions = (await api("admin", "GET", `/api/v1/elections/${election.id}/missions`)).json()
        .missions;
      for (const m of missions) ids[m.code] = m.id;
      expect(missions.map((m: Json) => [m.code, m.kind])).toEqual([
        ["mision-mercosur", "international"],
        ["ojo-ciudadano", "citizen"],
      ]);
      const accounts = [
        ["coord-ojo", "coordinator", "ojo-ciudadano"],
        ["analista-ojo", "analyst", "ojo-ciudadano"],
        ["coord-mercosur", "coordinator", "mision-mercosur"],
        ["analista-mercosur", "analyst", "mision-mercosur"],
      ] as const;
      for (const [username, role, mission] of accounts) {
        const created = await api("admin", "POST", "/api/v1/accounts", {
          username,
          role,
          missionId: ids[mission],
          password: `clave-${username}-2030`,
        });
        expect(created.statusCode, created.body).toBe(201);
        await signIn(username, username, `clave-${username}-2030`);
      }
    });

    it("the coordinator confirms the imported plan, publishes an XLSForm and an indicator", async () => {
      const mission = ids["ojo-ciudadano"];
      const proposal = (await api("coord-ojo", "GET", `/api/v1/missions/${mission}/plan`)).json();
      expect(proposal.plan).toBeNull();
      expect(proposal.proposed).toMatchObject({ version: 1, status: "proposed", source: "imported" });
      const confirmed = await api("coord-ojo", "POST", `/api/v1/missions/${mission}/plan/versions/1/confirm`);
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const form = await api(
        "coord-ojo",
        "POST",
        `/api/v1/elections/${ids["election"]}/forms`,
        Buffer.from(checklist()),
        {
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        },
      );
      expect(form.statusCode, form.body).toBe(201);
      ids["form"] = form.json().form.formId;
      expect(form.json().form.missionId).toBe(mission);
      const indicator = await api(
        "coord-ojo",
        "PUT",
        `/api/v1/missions/${mission}/analysis/indicators/urna-sin-sello`,
        {
          kind: "share",
          name: { es: "Urna sin sellar" },
          unit: "station",
          formKind: "voting",
          condition: "${urna_sellada} = 'no'",
        },
      );
      expect(indicator.statusCode, indicator.body).toBe(201);
    });

    it("observers sign in with their access codes and report from the sampled circuits", async () => {
      const mission = ids["ojo-ciudadano"];
      const observers = (
        await api("coord-ojo", "GET", `/api/v1/missions/${mission}/observers?limit=100`)
      ).json();
      const list: Json[] = observers.observers ?? observers;
      expect(list).toHaveLength(4);
      const stations = new Map<string, string>();
      const frame = (
        await api("coord-ojo", "GET", `/api/v1/missions/${mission}/plan/stations?limit=100`)
      ).json();
      for (const s of frame.stations) stations.set(s.code, s.stationId);
      expect(stations.size).toBe(sample.length);
      const directory = await api(
        "coord-ojo",
        "GET",
        `/api/v1/missions/${mission}/directory?stationCode=C0002`,
      );
      expect(directory.statusCode, directory.body).toBe(200);
      const outsideStation: Json = (directory.json().stations as Json[]).find((s) => s.code === "C0002");
      expect(outsideStation, directory.body).toBeDefined();
      for (const [index, observer] of list.entries()) {
        const access = await api(
          "coord-ojo",
          "POST",
          `/api/v1/missions/${mission}/observers/${observer.id}/access`,
        );
        expect(access.statusCode, access.body).toBe(201);
        await signIn(`obs${index}`, access.json().username, access.json().accessCode);
      }
      const report = async (who: string, stationId: string, unsealed: boolean) => {
        const response = await api(who, "POST", "/api/v1/submissions", {
          id: randomUUID(),
          formId: ids["form"],
          formVersion: 1,
          stationId,
          phaseCode: "jornada",
          submittedAt: "2030-05-12T10:15:00-03:00",
          answers: unsealed
            ? { urna_sellada: "no", problema: "precinto roto", votantes: 31 }
            : { urna_sellada: "si", votantes: 40 },
        });
        expect(response.statusCode, response.body).toBeLessThan(300);
      };
      for (const [i, s] of sample.entries())
        await report(`obs${i % 4}`, stations.get(s.code) ?? "", s.unsealed);
      // A circuit outside the sample: counted as outside the plan, not in the estimate.
      await report("obs0", outsideStation.id, true);
    });

    it("estimates with the imported weights equal a Horvitz-Thompson estimator computed here", async () => {
      const response = await api(
        "analista-ojo",
        "GET",
        `/api/v1/missions/${ids["ojo-ciudadano"]}/analysis/estimates?minCell=3`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.mission.plan).toMatchObject({ version: 1, source: "imported", status: "current" });
      const indicator = body.indicators.find((i: Json) => i.code === "urna-sin-sello");
      const estimate = indicator.overall.estimate;
      const expected = hajek(sample.map((s) => ({ pi: s.pi, y: s.unsealed })));
      expect(estimate.value).toBeCloseTo(expected, 12);
      expect(estimate).toMatchObject({ numerator: 5, denominator: 11, stations: 11 });
      expect(estimate.exclusions["outside-plan"]).toBe(1);
      // Not what equal weights within strata (N_h / n_h) or no weights would give.
      const unweighted = sample.filter((s) => s.unsealed).length / sample.length;
      expect(Math.abs(estimate.value - unweighted)).toBeGreaterThan(0.02);
      const strataWeighted = (48 * (3 / 7) + 17 * (2 / 4)) / (48 + 17);
      expect(Math.abs(estimate.value - strataWeighted)).toBeGreaterThan(0.02);
      // By department: each stratum alone, weighted by its stations' 1/π.
      const byArea = new Map<string, number>(
        indicator.byArea.cells.map((c: Json) => [c.key, c.estimate?.value]),
      );
      expect(byArea.size).toBe(2);
      const rivera = hajek(
        sample.filter((s) => s.stratum === "rivera").map((s) => ({ pi: s.pi, y: s.unsealed })),
      );
      expect([...byArea.values()].some((v) => Math.abs(v - rivera) < 1e-12)).toBe(true);
    });

    it("the other mission's staff can neither read nor change any of it", async () => {
      const mission = ids["ojo-ciudadano"];
      const station = sample[0]?.code ?? "";
      type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
      const attempts: [Method, string, unknown?][] = [
        ["GET", `/api/v1/missions/${mission}`],
        ["GET", `/api/v1/missions/${mission}/plan`],
        ["GET", `/api/v1/missions/${mission}/plan/versions`],
        ["GET", `/api/v1/missions/${mission}/plan/stations`],
        ["GET", `/api/v1/missions/${mission}/observers`],
        ["GET", `/api/v1/missions/${mission}/teams`],
        ["GET", `/api/v1/missions/${mission}/submissions`],
        ["GET", `/api/v1/missions/${mission}/analysis/estimates`],
        ["GET", `/api/v1/missions/${mission}/analysis/indicators`],
        [
          "POST",
          `/api/v1/missions/${mission}/plan/imports`,
          { stations: `station,probability\n${station},0.5\n` },
        ],
        ["POST", `/api/v1/missions/${mission}/plan`, { design: "simple_random", size: 5, seed: 1 }],
        ["DELETE", `/api/v1/missions/${mission}/plan/versions/1`],
        [
          "PUT",
          `/api/v1/missions/${mission}/analysis/indicators/urna-sin-sello`,
          { kind: "share", name: { es: "x" }, unit: "station", formKind: "voting", condition: "true()" },
        ],
        ["DELETE", `/api/v1/missions/${mission}/analysis/indicators/urna-sin-sello`],
        ["PATCH", `/api/v1/missions/${mission}`, { kind: "domestic" }],
        ["PUT", `/api/v1/forms/${ids["form"]}`, { nonsense: true }],
      ];
      // The mission's own coordinator reads every one of these: the refusals below are the policy's.
      for (const [method, url] of attempts.filter(([m]) => m === "GET")) {
        const own = await api("coord-ojo", method, url);
        expect(own.statusCode, `coord-ojo ${url}`).toBe(200);
      }
      for (const who of ["coord-mercosur", "analista-mercosur"]) {
        for (const [method, url, body] of attempts) {
          const response = await api(who, method, url, body);
          expect([403, 404], `${who} ${method} ${url}: ${response.statusCode}`).toContain(
            response.statusCode,
          );
        }
      }
      // Nothing changed: the plan, the indicator and the mission are as they were.
      const plan = (await api("coord-ojo", "GET", `/api/v1/missions/${mission}/plan`)).json();
      expect(plan.plan).toMatchObject({ version: 1, status: "current" });
      expect(plan.proposed).toBeNull();
      const read = (await api("coord-ojo", "GET", `/api/v1/missions/${mission}`)).json();
      expect(read.mission.kind).toBe("citizen");
      const indicators = (
        await api("coord-ojo", "GET", `/api/v1/missions/${mission}/analysis/indicators`)
      ).json();
      expect(indicators.indicators.map((i: Json) => [i.code, i.version])).toEqual([["urna-sin-sello", 1]]);
      const form = await api("coord-ojo", "GET", `/api/v1/forms/${ids["form"]}/versions/2`);
      expect(form.statusCode).toBe(404);
    });
  });
}
