import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import {
  ALG_COSIGNATURE_V1,
  cosign,
  encodeSignerKey,
  encodeVerifierKey,
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
} from "@scrutiny/tlog";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { checkServed, checkSince, describeFinding } from "../transparency/verify-log.ts";

interface WitnessFlags {
  readonly key?: string;
  readonly witnessKey: string;
  readonly state: string;
  readonly name?: string;
}

/**
 * `scrutiny witness URL`: anyone (another mission, a journalist, the election commission) checks the
 * log's latest checkpoint (signature, tree recomputed from the tiles, consistency with the last one
 * this witness saw) and, only then, cosigns it (C2SP tlog-cosignature v1) and sends the cosignature.
 */
export function registerWitness(program: Command): void {
  program
    .command("witness <url>")
    .description(
      "Check a Scrutiny log's checkpoint against the last one seen, cosign it and send the cosignature",
    )
    .option("--key <vkey>", "the log's verifier key (default: trust the one served on first use)")
    .option("--witness-key <file>", "this witness's signing key (created if missing)", "./witness.key")
    .option("--state <file>", "the last checkpoint this witness cosigned", "./witness-checkpoint.txt")
    .option("--name <name>", "this witness's name for a new key (default <host>/witness)")
    .action(async (url: string, flags: WitnessFlags) => {
      const logKey = flags.key === undefined ? undefined : parseVerifierKey(flags.key);
      if (flags.key !== undefined && logKey === undefined)
        throw new CliError("--key is not a note verifier key");
      const served = await checkServed(url, logKey).catch((error: Error) => {
        throw new CliError(error.message);
      });
      const problems = [...served.findings];
      if (existsSync(flags.state))
        problems.push(...checkSince(readFileSync(flags.state, "utf8"), served.key, served.view));
      if (problems.length > 0) {
        for (const problem of problems) process.stdout.write(`${describeFinding(problem)}\n`);
        throw new CliError("not cosigned: the log is not consistent with what this witness saw");
      }
      const witness = loadWitnessKey(flags.witnessKey, flags.name ?? `${hostname()}/witness`);
      const text = `${served.note.split("\n\n")[0]}\n`;
      const line = cosign(text, witness, Math.floor(Date.now() / 1000));
      const response = await fetch(`${url.replace(/\/+$/, "")}/cosignatures`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ witnessKey: encodeVerifierKey(witness), note: served.note + line }),
      });
      if (response.status !== 201)
        throw new CliError(`the log refused the cosignature (${response.status}): ${await response.text()}`);
      writeFileSync(flags.state, served.note);
      process.stdout.write(
        `cosigned ${served.checkpoint.origin} at size ${served.checkpoint.size} as ${witness.name}\nwitness key: ${encodeVerifierKey(witness)}\n`,
      );
    });
}

function loadWitnessKey(file: string, name: string) {
  if (existsSync(file)) {
    const key = parseSignerKey(readFileSync(file, "utf8"));
    if (key === undefined || key.algorithm !== ALG_COSIGNATURE_V1)
      throw new CliError(`${file} is not a witness key`);
    return key;
  }
  const key = generateSignerKey(name, ALG_COSIGNATURE_V1);
  writeFileSync(file, `${encodeSignerKey(key)}\n`, { mode: 0o600, flag: "wx" });
  return key;
}
