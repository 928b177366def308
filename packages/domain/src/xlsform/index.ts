export * from "./apollo.ts";
export * from "./codes.ts";
export * from "./export.ts";
export * from "./import.ts";
export * from "./languages.ts";
export * from "./xlsx.ts";
