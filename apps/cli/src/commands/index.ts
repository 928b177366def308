import type { Command } from "commander";
import { registerDemo } from "./demo.ts";
import { registerForensics } from "./forensics.ts";
import { registerMigrate } from "./migrate.ts";
import { registerServe } from "./serve.ts";

/** Each command lives in its own file and registers itself on the program. */
export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [
  registerServe,
  registerMigrate,
  registerDemo,
  registerForensics,
];
