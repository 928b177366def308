import type { ObserverAssignment } from "@scrutiny/domain";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/failure.ts";
import { fetchAssignment } from "./api.ts";
import {
  allEntries,
  getAssignment,
  getUser,
  type ObserverDatabase,
  type OutboxEntry,
  type SignedInUser,
} from "./db.ts";
import { retryNow, syncOutbox } from "./outbox.ts";

const POLL_MS = 10_000;
/** The route changes rarely; thousands of phones should not ask for it every few seconds. */
const ASSIGNMENT_REFRESH_MS = 5 * 60_000;

export interface ObserverData {
  readonly loaded: boolean;
  readonly user: SignedInUser | undefined;
  readonly assignment: ObserverAssignment | undefined;
  readonly entries: readonly OutboxEntry[];
  readonly draftKeys: ReadonlySet<string>;
  readonly online: boolean;
  readonly syncing: boolean;
  readonly signInNeeded: boolean;
  /** Re-reads the phone's storage after a write. */
  readonly reload: () => Promise<void>;
  /** Sends what is due (now, if `force`), then refreshes the assignment. */
  readonly sync: (force?: boolean) => Promise<void>;
}

/**
 * The app's state as stored in IndexedDB, kept fresh: re-read after writes, sent when the
 * connection returns, when the app comes to the front and every few seconds while anything waits.
 */
export function useObserverData(db: ObserverDatabase): ObserverData {
  const [state, setState] = useState<
    Omit<ObserverData, "reload" | "sync" | "online" | "syncing" | "signInNeeded">
  >({ loaded: false, user: undefined, assignment: undefined, entries: [], draftKeys: new Set() });
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [signInNeeded, setSignInNeeded] = useState(false);
  const signedIn = useRef(false);
  const assignmentFetchedAt = useRef(0);

  const reload = useCallback(async () => {
    const [user, assignment, entries, draftKeys] = await Promise.all([
      getUser(db),
      getAssignment(db),
      allEntries(db),
      db.getAllKeys("drafts"),
    ]);
    signedIn.current = user !== undefined;
    setState({ loaded: true, user, assignment, entries, draftKeys: new Set(draftKeys) });
  }, [db]);

  const sync = useCallback(
    async (force = false) => {
      if (!signedIn.current) return;
      setSyncing(true);
      try {
        if (force) await retryNow(db);
        const outcome = await syncOutbox(db);
        if (outcome.signInNeeded) setSignInNeeded(true);
        else if (
          outcome.failed === 0 &&
          (force || Date.now() - assignmentFetchedAt.current > ASSIGNMENT_REFRESH_MS)
        ) {
          try {
            await db.put("kv", await fetchAssignment(), "assignment");
            assignmentFetchedAt.current = Date.now();
            setSignInNeeded(false);
          } catch (error) {
            if (error instanceof ApiError && error.status === 401) setSignInNeeded(true);
          }
        }
      } finally {
        setSyncing(false);
        await reload();
      }
    },
    [db, reload],
  );

  useEffect(() => {
    void reload().then(() => sync());
    const wentOnline = () => {
      setOnline(true);
      void sync(true);
    };
    const wentOffline = () => setOnline(false);
    const visible = () => {
      if (document.visibilityState === "visible") void sync();
    };
    window.addEventListener("online", wentOnline);
    window.addEventListener("offline", wentOffline);
    document.addEventListener("visibilitychange", visible);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sync();
    }, POLL_MS);
    return () => {
      window.removeEventListener("online", wentOnline);
      window.removeEventListener("offline", wentOffline);
      document.removeEventListener("visibilitychange", visible);
      window.clearInterval(timer);
    };
  }, [reload, sync]);

  return { ...state, online, syncing, signInNeeded, reload, sync };
}
