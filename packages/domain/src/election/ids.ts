import { z } from "zod";

/** Every entity is identified by a UUID so that offline clients can mint ids themselves. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** A short human code (station number, observer number); unique within its parent. */
export const Code = z.string().trim().min(1).max(64);

/** Text in several languages, keyed by BCP 47 code (`en`, `ru`). At least one language. */
export const LocalizedText = z
  .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/), z.string().min(1).max(500))
  .refine((value) => Object.keys(value).length > 0, { message: "at least one language is required" });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const IsoDate = z.iso.date();
