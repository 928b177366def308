import { readFileSync, writeFileSync } from "node:fs";
import { parseVerifierKey, type VerifierKey } from "@scrutiny/tlog";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import {
  checkDatabase,
  checkServed,
  checkSince,
  compareViews,
  describeFinding,
  type Finding,
  type LogView,
} from "../transparency/verify-log.ts";
import { withStorageOptions } from "./storage-options.ts";

interface VerifyFlags extends StorageFlags {
  readonly url?: string;
  readonly key?: string;
  readonly since?: string;
  readonly save?: string;
  readonly database: boolean;
}

export function registerVerify(program: Command): void {
  withStorageOptions(
    program
      .command("verify")
      .description(
        "Check the transparency log: recompute the tree from the database and/or the served tiles, check the signature, check every stored row against its entry, and name the first bad entry",
      )
      .option("--url <log>", "the served log to check, e.g. https://observe.example.org/log")
      .option("--no-database", "check only the served log (with --url)")
      .option("--key <vkey>", "the log's verifier key (text or a file holding it); default: the one served")
      .option("--since <file>", "a checkpoint saved earlier: prove it is a prefix of today's log")
      .option("--save <file>", "save today's signed checkpoint (with --url) for a later --since"),
  ).action(async (flags: VerifyFlags) => {
    const key = flags.key === undefined ? undefined : readKey(flags.key);
    const findings: Finding[] = [];
    const views: LogView[] = [];
    let servedKey: VerifierKey | undefined = key;
    if (flags.url) {
      const served = await checkServed(flags.url, key).catch((error: Error) => {
        throw new CliError(error.message);
      });
      servedKey = served.key;
      views.push(served.view);
      findings.push(...served.findings);
      process.stdout.write(
        `${served.view.source}: checkpoint of ${served.checkpoint.size} entries signed by ${served.key.name}\n`,
      );
      if (flags.save) writeFileSync(flags.save, served.note);
    }
    if (flags.database || !flags.url) {
      const store = await openConfiguredStore(resolveStorage(flags));
      try {
        const checked = checkDatabase(await store.logAudit.snapshot());
        views.push(checked.view);
        findings.push(...checked.findings);
        process.stdout.write(`database: ${checked.view.tree.size} entries recomputed, every row checked\n`);
      } finally {
        await store.close();
      }
    }
    const [first, second] = views;
    if (first && second) findings.push(...compareViews(first, second));
    if (flags.since) {
      if (servedKey === undefined) throw new CliError("--since needs the log's key: give --key or --url");
      const today = views[0];
      if (today) findings.push(...checkSince(readFileSync(flags.since, "utf8"), servedKey, today));
    }
    findings.sort((a, b) => (a.entry ?? Number.POSITIVE_INFINITY) - (b.entry ?? Number.POSITIVE_INFINITY));
    if (findings.length === 0) {
      process.stdout.write("ok: the log is intact and every row matches its entry\n");
      return;
    }
    const [worst] = findings;
    if (worst?.entry !== undefined) process.stdout.write(`first bad entry: ${worst.entry}\n`);
    for (const finding of findings.slice(0, 50)) process.stdout.write(`${describeFinding(finding)}\n`);
    if (findings.length > 50) process.stdout.write(`... and ${findings.length - 50} more\n`);
    process.exitCode = 1;
  });
}

function readKey(value: string): VerifierKey {
  const text = value.includes("+") ? value : readFileSync(value, "utf8");
  const key = parseVerifierKey(text);
  if (key === undefined) throw new CliError("--key is not a note verifier key (<name>+<id>+<base64>)");
  return key;
}
