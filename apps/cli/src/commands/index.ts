import type { Command } from "commander";
import { registerAdmin } from "./admin.ts";
import { registerAttachments } from "./attachments.ts";
import { registerExport } from "./backup.ts";
import { registerDemo } from "./demo.ts";
import { registerElection } from "./election.ts";
import { registerForensics } from "./forensics.ts";
import { registerImport } from "./import.ts";
import { registerMigrate } from "./migrate.ts";
import { registerMission } from "./mission.ts";
import { registerPublish } from "./publish.ts";
import { registerRecompute } from "./recompute.ts";
import { registerSample } from "./sample.ts";
import { registerServe } from "./serve.ts";
import { registerVerify } from "./verify.ts";
import { registerWitness } from "./witness.ts";

/** Each command lives in its own file and registers itself on the program. */
export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [
  registerServe,
  registerAdmin,
  registerMigrate,
  registerDemo,
  registerElection,
  registerMission,
  registerForensics,
  registerImport,
  registerExport,
  registerSample,
  registerPublish,
  registerRecompute,
  registerVerify,
  registerWitness,
  registerAttachments,
];
