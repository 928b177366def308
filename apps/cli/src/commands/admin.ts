import { changeAccount, createAccount, normaliseUsername, resetPassword } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
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
  const admin = program.command("admin").description("Accounts of this server, from its console");
  withStorageOptions(
    admin
      .command("create")
      .description("Create an administrator account (the first one of a new server, or another)")
      .requiredOption("--username <name>", "sign-in name: lower-case letters, digits, . _ @ -")
      .option("--display-name <name>", "name shown in the app (default: the username)")
      .option("--password-stdin", "read the password from standard input instead of asking"),
  ).action(async (flags: CreateFlags) => {
    const password = await choosePassword(flags.passwordStdin);
    await withStore(flags, async (store) => {
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
    });
  });
  registerAccountCommands(admin);
}

interface AccountFlags extends StorageFlags {
  readonly username: string;
  readonly passwordStdin?: boolean;
}

async function withStore<T>(flags: StorageFlags, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(resolveStorage(flags));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function accountId(store: Store, username: string): Promise<string> {
  const found = await store.users.findByUsername(normaliseUsername(username));
  if (found === undefined) throw new CliError(`--username: no account ${username}`);
  return found.user.id;
}

/** Console commands for an administrator locked out of the web app (or the only one left). */
function registerAccountCommands(admin: Command): void {
  withStorageOptions(
    admin
      .command("reset-password")
      .description("Set a new password for an account (asked, from stdin, or generated); its sessions end")
      .requiredOption("--username <name>", "the account")
      .option("--password-stdin", "read the password from standard input instead of asking"),
  ).action(async (flags: AccountFlags) => {
    const password = await choosePassword(flags.passwordStdin);
    await withStore(flags, async (store) => {
      const reset = await resetPassword(store, await accountId(store, flags.username), password);
      if (!reset.ok) throw new CliError(`--${flagName(reset.error.field)}: ${reset.error.message}`);
      process.stdout.write(`new password set for ${flags.username}; its sessions ended\n`);
      if (reset.value.generatedPassword !== undefined)
        process.stdout.write(`password: ${reset.value.generatedPassword}\n(shown only this once)\n`);
    });
  });
  for (const [name, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    withStorageOptions(
      admin
        .command(name)
        .description(
          disabled
            ? "Disable an account: it cannot sign in, its sessions and tokens end"
            : "Enable a disabled account again",
        )
        .requiredOption("--username <name>", "the account"),
    ).action(async (flags: AccountFlags) => {
      await withStore(flags, async (store) => {
        const changed = await changeAccount(
          store,
          await accountId(store, flags.username),
          { disabled },
          new Date(),
        );
        if (!changed.ok) throw new CliError(changed.error.message);
        process.stdout.write(`${changed.value.account.username} ${disabled ? "disabled" : "enabled"}\n`);
      });
    });
  }
  withStorageOptions(admin.command("list").description("List staff and administrator accounts")).action(
    async (flags: StorageFlags) => {
      await withStore(flags, async (store) => {
        for (const account of await store.users.listAccounts()) {
          const state = account.disabledAt !== null ? "disabled" : "active";
          process.stdout.write(
            `${account.username.padEnd(24)} ${account.role.padEnd(12)} ${(account.missionId ?? "-").padEnd(36)} ${state}\n`,
          );
        }
      });
    },
  );
}

/** The CLI flag that carries a field of the account. */
function flagName(field: string): string {
  return field === "password" ? "password-stdin" : field === "displayName" ? "display-name" : field;
}
