// The HTTP server's socket and request timeouts as `serve` settings (flags or environment), in
// whole seconds; defaults from the server's DEFAULT_TIMEOUTS (docs/OPERATIONS.md, Timeouts).
import { DEFAULT_TIMEOUTS } from "@scrutiny/server";
import { Option } from "commander";
import { CliError } from "../cli-error.ts";

type TimeoutName = keyof typeof DEFAULT_TIMEOUTS;

const SETTINGS: readonly { name: TimeoutName; flag: string; env: string; help: string }[] = [
  {
    name: "connectionTimeout",
    flag: "connection-timeout",
    env: "SCRUTINY_CONNECTION_TIMEOUT",
    help: "seconds a socket may stay idle before it is closed",
  },
  {
    name: "requestTimeout",
    flag: "request-timeout",
    env: "SCRUTINY_REQUEST_TIMEOUT",
    help: "seconds a whole request (headers and body) may take to arrive",
  },
  {
    name: "headersTimeout",
    flag: "headers-timeout",
    env: "SCRUTINY_HEADERS_TIMEOUT",
    help: "seconds a request's headers may take to arrive (at most the request timeout)",
  },
  {
    name: "keepAliveTimeout",
    flag: "keep-alive-timeout",
    env: "SCRUTINY_KEEP_ALIVE_TIMEOUT",
    help: "seconds an idle keep-alive connection is kept open",
  },
];

/** The commander options, one per timeout. */
export function timeoutOptions(): Option[] {
  return SETTINGS.map((setting) =>
    new Option(`--${setting.flag} <seconds>`, setting.help)
      .env(setting.env)
      .default(String(DEFAULT_TIMEOUTS[setting.name] / 1000)),
  );
}

/** The timeouts in milliseconds from the parsed flags (camel-cased by commander). */
export function timeoutSettings(flags: Partial<Record<TimeoutName, string>>): Record<TimeoutName, number> {
  const timeouts = { ...DEFAULT_TIMEOUTS } as Record<TimeoutName, number>;
  for (const setting of SETTINGS) {
    const value = flags[setting.name];
    if (value === undefined) continue;
    const seconds = Number(value);
    if (!Number.isInteger(seconds) || seconds <= 0)
      throw new CliError(`--${setting.flag} wants a positive whole number of seconds, not "${value}"`);
    timeouts[setting.name] = seconds * 1000;
  }
  // Node refuses to start an HTTP server whose headers may take longer than the whole request.
  if (timeouts.headersTimeout > timeouts.requestTimeout)
    throw new CliError(
      `--headers-timeout (${timeouts.headersTimeout / 1000} s) may not exceed --request-timeout (${timeouts.requestTimeout / 1000} s)`,
    );
  return timeouts;
}
