export { buildServer, type ServerOptions } from "./app.ts";
export { hashPassword, verifyPassword } from "./auth/passwords.ts";
export { HttpError } from "./http/errors.ts";
