import { z } from "zod";

/** Every entity is identified by a UUID so that offline clients can mint ids themselves. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** A short human code (station number, observer number); unique within its parent. */
export const Code = z.string().trim().min(1).max(64);

export const IsoDate = z.iso.date();
