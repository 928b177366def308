export * from "./assignment.ts";
export * from "./plan.ts";
export * from "./roster.ts";
export * from "./sample-import.ts";
export * from "./stations.ts";
export * from "./table.ts";
