import { z } from "zod";

/**
 * One problem with a request: where (`path`, from the request part down: `["body", "items", 0,
 * "name"]`), what (`code`) and a sentence. File problems also give their line and column.
 */
export const Issue = z.looseObject({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
  line: z.number().optional(),
  column: z.union([z.number(), z.string()]).optional(),
});
export type Issue = z.infer<typeof Issue>;

/** Every error leaves the server in this shape. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.looseObject({ issues: z.array(Issue).optional() }).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
