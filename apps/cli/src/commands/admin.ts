import { createAccount } from "@scrutiny/server";
import type { Command } from "commander";
import { promptHidden, readPasswordFromStdin } from "../accounts/password-input.ts";
import { CliError } from "../cli-error.ts";
import { describeStorage, openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { withStorageOptions } from "./storage-options.ts";

interface CreateFlags extends StorageFlags {
  readonly username: string;
  readonly displayName?: string;
  readonly passwordStdin?: boolean;
}

/**
 * The password for a new account: from stdin when asked, typed twice at a terminal (empty:
 * generate one), otherwise generated. Undefined means "generate".
 */
async function choosePassword(fromStdin: boolean | undefined): Promise<string | undefined> {
  if (fromStdin) return readPasswordFromStdin();
  if (!process.stdin.isTTY) return undefined;
  const first = await promptHidden("Password (empty: generate one): ");
  if (first === "") return undefined;
  const second = await promptHidden("Repeat the password: ");
  if (first !== second) throw new CliError("the two passwords differ; nothing was created");
  return first;
}

export function registerAdmin(program: Command): void {
  const admin = program.command("admin").description("Administrator accounts of this server");
  withStorageOptions(
    admin
      .command("create")
      .description("Create an administrator account (the first one of a new server, or another)")
      .requiredOption("--username <name>", "sign-in name: lower-case letters, digits, . _ @ -")
      .option("--display-name <name>", "name shown in the app (default: the username)")
      .option("--password-stdin", "read the password from standard input instead of asking"),
  ).action(async (flags: CreateFlags) => {
    const password = await choosePassword(flags.passwordStdin);
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const created = await createAccount(store, {
        username: flags.username,
        displayName: flags.displayName,
        role: "admin",
        missionId: null,
        password,
      });
      if (!created.ok) throw new CliError(`--${flagName(created.error.field)}: ${created.error.message}`);
      const { user, generatedPassword } = created.value;
      process.stdout.write(`administrator ${user.username} created (${describeStorage(store)})\n`);
      if (generatedPassword !== undefined)
        process.stdout.write(
          `password: ${generatedPassword}\n(shown only this once: keep it somewhere safe, or change it after signing in)\n`,
        );
    } finally {
      await store.close();
    }
  });
}

/** The CLI flag that carries a field of the account. */
function flagName(field: string): string {
  return field === "password" ? "password-stdin" : field === "displayName" ? "display-name" : field;
}
