import { useEffect } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import type { SessionUser } from "../api/client.ts";
import { useSession } from "../api/queries.ts";
import { applyUserLocale } from "../i18n/index.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";

/** Where to go after signing in: a path inside the app, never another origin. */
export function safeNextPath(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/** Renders its child routes for a signed-in user; everyone else goes to the sign-in page. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const user = session.data;

  useEffect(() => {
    if (user) applyUserLocale(user.locale);
  }, [user]);

  if (session.isPending) return <LoadingPanel fullPage />;
  if (session.isError)
    return <ErrorPanel error={session.error} onRetry={() => void session.refetch()} fullPage />;
  if (user === null || user === undefined) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/sign-in" replace state={{ next: next === "/" ? undefined : next }} />;
  }
  return <Outlet />;
}

/** The signed-in user; only for components under RequireSession. */
export function useSignedInUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error("useSignedInUser outside RequireSession");
  return data;
}
