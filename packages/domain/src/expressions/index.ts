export * from "./ast.ts";
export * from "./evaluate.ts";
export * from "./indicator.ts";
export * from "./parser.ts";
