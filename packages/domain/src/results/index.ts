export * from "./arithmetic.ts";
export * from "./csv.ts";
export * from "./decode.ts";
export * from "./mapping.ts";
export * from "./parse.ts";
export * from "./preview.ts";
export * from "./ru-cec.ts";
export * from "./types.ts";
