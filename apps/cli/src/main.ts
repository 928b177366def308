import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error.ts";
import { commandRegistrations } from "./commands/index.ts";

/** Builds the `scrutiny` program; every command and flag gets `--help`. */
export function buildProgram(): Command {
  const program = new Command("scrutiny")
    .description("Scrutiny: evidence-based, reproducible and open election observation")
    .exitOverride();
  for (const registerCommand of commandRegistrations) registerCommand(program);
  return program;
}

/** Runs the CLI and returns the process exit code; expected failures print one line, no stack. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    if (error instanceof CliError) {
      process.stderr.write(`scrutiny: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
