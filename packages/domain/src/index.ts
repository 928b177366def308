export * from "./common/result.ts";
export * from "./election/index.ts";
export * from "./results/index.ts";
export * from "./expressions/index.ts";
export * from "./forms/index.ts";
export * from "./submissions/index.ts";
export * from "./templates/index.ts";
