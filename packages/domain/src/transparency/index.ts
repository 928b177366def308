export * from "./audit.ts";
export * from "./digests.ts";
export * from "./entries.ts";
export * from "./publication-digest.ts";
