export * from "./spreadsheet.ts";
export * from "./submissions.ts";
