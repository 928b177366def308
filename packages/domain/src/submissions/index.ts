export * from "./attachments.ts";
export * from "./envelope.ts";
