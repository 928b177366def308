export * from "./ast.ts";
export * from "./evaluate.ts";
export * from "./parser.ts";
