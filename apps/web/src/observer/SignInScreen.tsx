import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../api/failure.ts";
import { fetchAssignment, signIn } from "./api.ts";
import type { ObserverDatabase } from "./db.ts";
import { failureText, useT } from "./i18n.ts";

/** Username and access code; on success the assignment is downloaded and kept for offline use. */
export function SignInScreen({
  db,
  again,
  onSignedIn,
}: {
  db: ObserverDatabase;
  again: boolean;
  onSignedIn: () => void;
}) {
  const { t, language } = useT();
  const id = useId();
  const [username, setUsername] = useState(
    () => new URLSearchParams(window.location.search).get("username") ?? "",
  );
  const [accessCode, setAccessCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (!navigator.onLine) {
      setError(t("signIn.offline"));
      return;
    }
    setBusy(true);
    try {
      const user = await signIn(username.trim().toLowerCase(), accessCode.trim().toUpperCase());
      const assignment = await fetchAssignment();
      await db.put("kv", user, "user");
      await db.put("kv", assignment, "assignment");
      // Ask the browser not to evict this phone's reports under storage pressure.
      void navigator.storage?.persist?.().catch(() => false);
      onSignedIn();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) setError(t("signIn.failed"));
      else if (failure instanceof ApiError && failure.status === 0) setError(t("signIn.offline"));
      else setError(t("signIn.error", { message: failureText(failure, language) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="ob-main">
      <h1 className="ob-title">{t("signIn.title")}</h1>
      {again && <p className="ob-callout">{t("signIn.again")}</p>}
      <p>{t("signIn.lead")}</p>
      <form className="ob-form" onSubmit={(event) => void submit(event)}>
        <label className="ob-field" htmlFor={`${id}-user`}>
          {t("signIn.username")}
          <input
            id={`${id}-user`}
            className="fr-input"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="ob-field" htmlFor={`${id}-code`}>
          {t("signIn.accessCode")}
          <input
            id={`${id}-code`}
            className="fr-input ob-code"
            name="accessCode"
            type="password"
            autoComplete="current-password"
            autoCapitalize="characters"
            spellCheck={false}
            required
            value={accessCode}
            onChange={(event) => setAccessCode(event.target.value)}
          />
        </label>
        {error !== undefined && (
          <p className="fr-issue" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="ob-button ob-button--primary" disabled={busy}>
          {t("signIn.submit")}
        </button>
      </form>
    </main>
  );
}
