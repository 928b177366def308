import { z } from "zod";

/**
 * One problem with a request: where (`path`, from the request part down: `["body", "items", 0,
 * "name"]`), what (`code`, with `params`) and an English sentence. File problems also give their
 * line and column.
 */
export const Issue = z.looseObject({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
  /**
   * What the problem names (the bound, the format, the allowed values, a refinement's own code as
   * `code`), so that a client can say it in its reader's language (`issueParams` of the domain).
   */
  params: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .optional(),
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
