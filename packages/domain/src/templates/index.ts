export * from "./checklists.ts";
export * from "./contestants.ts";
