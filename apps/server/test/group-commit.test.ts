import { describe, expect, it } from "vitest";
import { GroupCommitter } from "../src/ingestion/group-commit.ts";

/** A committer whose batches the test finishes by hand. */
function controlled(options: { maxBatch: number; maxConcurrentCommits: number; overlapFrom?: number }) {
  const batches: { items: number[]; finish: () => void }[] = [];
  const committer = new GroupCommitter<number, string>(
    (items) =>
      new Promise((resolve) => {
        batches.push({ items, finish: () => resolve(items.map((item) => `stored ${item}`)) });
      }),
    options,
  );
  return { committer, batches };
}
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("group commit", () => {
  it("starts a second commit only for a backlog of overlapFrom items, and settles each after its own", async () => {
    const { committer, batches } = controlled({ maxBatch: 100, maxConcurrentCommits: 2, overlapFrom: 4 });
    const first = committer.submit([1, 2, 3]);
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3]]);
    const second = committer.submit([4, 5]);
    await turn();
    // Two waiting: they wait for the first commit rather than make a commit of their own.
    expect(batches).toHaveLength(1);
    const third = committer.submit([6, 7]);
    await turn();
    // Four waiting: worth overlapping.
    expect(batches.map((b) => b.items)).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7],
    ]);
    let secondSettled = false;
    void second.then(() => {
      secondSettled = true;
    });
    batches[0]?.finish();
    expect(await first).toEqual(["stored 1", "stored 2", "stored 3"]);
    await turn();
    // Nobody's receipt before the commit that holds it.
    expect(secondSettled).toBe(false);
    batches[1]?.finish();
    expect(await second).toEqual(["stored 4", "stored 5"]);
    expect(await third).toEqual(["stored 6", "stored 7"]);
  });

  it("commits what waited below the threshold as soon as the commit in flight ends", async () => {
    const { committer, batches } = controlled({ maxBatch: 100, maxConcurrentCommits: 2, overlapFrom: 64 });
    const first = committer.submit([1]);
    await turn();
    const later = committer.submit([2, 3]);
    await turn();
    expect(batches).toHaveLength(1);
    batches[0]?.finish();
    await first;
    await turn();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3]]);
    batches[1]?.finish();
    expect(await later).toEqual(["stored 2", "stored 3"]);
    await committer.drain();
  });
});
