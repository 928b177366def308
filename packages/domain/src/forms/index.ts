export * from "./choices.ts";
export * from "./definition.ts";
export * from "./hash.ts";
export * from "./indicator-names.ts";
export * from "./scope.ts";
export * from "./validate.ts";
