// Live submissions and their transparency-log entries: the store numbers the entries of a batch
// after the head it last wrote (kept in memory), and the database keeps them only where the head
// row still holds that head. Whatever else moves the head in between (another writer, another
// server on the same database, a batch with a retry in it), the log must stay one consistent tree
// holding each stored submission exactly once.
import { randomUUID } from "node:crypto";
import { contentHash, decodeLogEntry } from "@scrutiny/domain";
import { appendLeaves, EMPTY_FRONTIER, frontierRoot, leafHash, toHex, utf8 } from "@scrutiny/tlog";
import { beforeAll, expect, inject, it } from "vitest";
import { createScratchDatabase, describeOnEachBackend } from "../../../test-support/backends.ts";
import { openStore, type Store, type SubmissionRow } from "../src/index.ts";
import { ids, sampleElection, sampleMission } from "./support/sample-election.ts";

const FORM = "00000000-0000-4000-8000-0000000000a1";

async function seed(store: Store): Promise<void> {
  await store.elections.insertBundle(sampleElection);
  await store.missions.insertBundle(sampleMission);
  const definition = {
    id: FORM,
    version: 1,
    kind: "voting",
    title: { en: "Voting" },
    languages: ["en"],
    defaultLanguage: "en",
    choiceLists: {},
    items: [],
    checks: [],
  };
  await store.forms.create({
    id: FORM,
    electionId: ids.election,
    missionId: ids.mission,
    code: "voting",
    kind: "voting",
    definition: definition as never,
    contentHash: contentHash(definition as never),
  });
}

function report(id: string = randomUUID()): SubmissionRow {
  return {
    id,
    missionId: ids.mission,
    formId: FORM,
    formVersion: 1,
    observerId: ids.observer,
    stationId: ids.station1,
    phaseCode: "election-day",
    answers: {},
    submittedAt: "2019-11-17T10:00:00.000Z",
    contentHash: `hash-of-${id}`,
    channel: "api",
  };
}

/** Every entry where it claims to be, its leaf right, the head's root that of all leaves. */
async function expectConsistentLog(store: Store): Promise<string[]> {
  const head = await store.log.head();
  const entries = await store.log.entries(0, head.size);
  expect(entries.map((entry) => entry.index)).toEqual([...Array(head.size).keys()]);
  let frontier = EMPTY_FRONTIER;
  const logged: string[] = [];
  for (const entry of entries) {
    const leaf = leafHash(utf8(entry.body));
    expect(entry.leafHash).toBe(toHex(leaf));
    const decoded = decodeLogEntry(entry.body);
    expect(decoded?.index).toBe(entry.index);
    if (decoded?.entry.kind === "submission") logged.push(decoded.entry.id);
    frontier = appendLeaves(frontier, [leaf]).frontier;
  }
  expect(toHex(frontierRoot(frontier))).toBe(toHex(head.rootHash));
  return logged;
}

describeOnEachBackend("store: live submissions and the log head kept in memory", (getStore) => {
  let store: Store;
  beforeAll(async () => {
    store = getStore();
    await seed(store);
  });

  it("numbers entries right after another writer moved the head, and after a batch with a retry", async () => {
    const first = [report(), report(), report()];
    expect((await store.submissions.append(first)).map((o) => o.kind)).toEqual([
      "created",
      "created",
      "created",
    ]);
    // Another code path appends behind the head this store remembers.
    await store.log.append([
      { kind: "permission", user: randomUUID(), role: "observer", mission: ids.mission, change: "granted" },
    ]);
    const second = [report(), report()];
    expect((await store.submissions.append(second)).map((o) => o.kind)).toEqual(["created", "created"]);
    // A retry in the batch: only the new rows are created, and only they are logged.
    const third = [report(), report(first[0]?.id), report()];
    expect((await store.submissions.append(third)).map((o) => o.kind)).toEqual([
      "created",
      "duplicate",
      "created",
    ]);
    // Nothing but retries: no row comes back, nothing is written, the head does not move.
    const retries = [report(first[1]?.id), report(second[0]?.id)];
    expect((await store.submissions.append(retries)).map((o) => o.kind)).toEqual(["duplicate", "duplicate"]);
    const fourth = [report(), report()];
    await store.submissions.append(fourth);
    // Two commits in flight at once (the group commit's PostgreSQL setting).
    const together = [[report(), report()], [report(), report(), report()], [report()]];
    await Promise.all(together.map((rows) => store.submissions.append(rows)));

    const logged = await expectConsistentLog(store);
    const stored = [first, second, [third[0], third[2]], fourth, ...together].flat().map((row) => row?.id);
    expect(logged.sort()).toEqual(stored.sort());
  });
});

it("PostgreSQL: two servers appending to one database keep one consistent log", async () => {
  const adminUrl = inject("postgresUrl");
  if (adminUrl === null) return; // covered on PGlite above; PGlite has one process by design
  const scratch = await createScratchDatabase(adminUrl);
  const open = async () => {
    const opened = await openStore({ databaseUrl: scratch.url });
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value;
  };
  const [one, two] = [await open(), await open()];
  try {
    await seed(one);
    const ids: string[] = [];
    for (let round = 0; round < 6; round++) {
      const batches = [one, two, one, two].map((store) => {
        const rows = [report(), report(), report()];
        ids.push(...rows.map((row) => row.id));
        return store.submissions.append(rows);
      });
      for (const outcomes of await Promise.all(batches))
        expect(outcomes.every((o) => o.kind === "created")).toBe(true);
    }
    expect((await expectConsistentLog(one)).sort()).toEqual(ids.sort());
  } finally {
    await one.close();
    await two.close();
    await scratch.drop();
  }
});
