import { z } from "zod";
import { Id } from "./ids.ts";

export const Role = z.enum(["admin", "coordinator", "analyst", "observer"]);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  username: z
    .string()
    .min(3)
    .max(64)
    .regex(/^[a-z0-9._@-]+$/),
  displayName: z.string().min(1).max(200),
  role: Role,
  /** Coordinators, analysts and observers belong to one mission; admins to none. */
  missionId: Id.nullable(),
  observerId: Id.nullable(),
  locale: z.enum(["en", "ru"]),
});
export type User = z.infer<typeof User>;

export const SignInRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** A password someone chooses: long enough that guessing it (throttled, scrypt-hashed) is hopeless. */
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `use at most ${PASSWORD_MAX_LENGTH} characters`);
