export * from "./election.ts";
export * from "./ids.ts";
export * from "./mission.ts";
export * from "./results.ts";
export * from "./setup.ts";
export * from "./user.ts";
