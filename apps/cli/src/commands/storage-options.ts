import { type Command, Option } from "commander";

/** The storage flags every command that touches the database shares. */
export function withStorageOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--database-url <url>", "PostgreSQL URL (production); default: embedded PGlite").env(
        "DATABASE_URL",
      ),
    )
    .addOption(
      new Option("--data-dir <dir>", "PGlite data directory").env("SCRUTINY_DATA_DIR").default("./data"),
    );
}
