export * from "./access.ts";
export * from "./analysis.ts";
export * from "./attachments.ts";
export * from "./deployment.ts";
export * from "./election.ts";
export * from "./forms.ts";
export * from "./mission.ts";
export * from "./results-sets.ts";
