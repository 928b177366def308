export * from "./spreadsheet.ts";
