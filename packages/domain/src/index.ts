export * from "./common/result.ts";
