import { useEffect, useMemo, useState } from "react";
import { signOut } from "./api.ts";
import type { ObserverDatabase } from "./db.ts";
import { FormScreen, type FormTarget } from "./FormScreen.tsx";
import { formatTime } from "./format.ts";
import {
  initialLanguage,
  LanguageContext,
  languageNames,
  OBSERVER_LANGUAGES,
  type ObserverLanguage,
  rememberLanguage,
  translator,
  useT,
} from "./i18n.ts";
import { pendingCount, usableForms } from "./model.ts";
import { RouteScreen } from "./RouteScreen.tsx";
import { SignInScreen } from "./SignInScreen.tsx";
import { type ObserverData, useObserverData } from "./useObserverData.ts";

type Screen = { readonly name: "route" } | { readonly name: "form"; readonly target: FormTarget };

/** `#/form/<visitId>/<formId>[/<replaces>]`, `#/amend/<submissionId>`, else the route. */
function screenOf(hash: string): Screen {
  const [kind, a, b, c] = hash.replace(/^#\/?/, "").split("/");
  if (kind === "form" && a && b)
    return { name: "form", target: { mode: "new", visitId: a, formId: b, ...(c ? { replaces: c } : {}) } };
  if (kind === "amend" && a) return { name: "form", target: { mode: "amend", submissionId: a } };
  return { name: "route" };
}

export function ObserverApp({ db }: { db: ObserverDatabase }) {
  const [language, setLanguage] = useState<ObserverLanguage>(initialLanguage);
  const t = useMemo(() => translator(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t("appName");
  }, [language, t]);
  return (
    <LanguageContext.Provider value={{ language, t }}>
      <Shell
        db={db}
        onLanguage={(next) => {
          rememberLanguage(next);
          setLanguage(next);
        }}
      />
    </LanguageContext.Provider>
  );
}

function Shell({
  db,
  onLanguage,
}: {
  db: ObserverDatabase;
  onLanguage: (language: ObserverLanguage) => void;
}) {
  const { t, language } = useT();
  const data = useObserverData(db);
  const [screen, setScreen] = useState<Screen>(() => screenOf(window.location.hash));
  const [signingIn, setSigningIn] = useState(false);
  useEffect(() => {
    const changed = () => {
      setScreen(screenOf(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  const forms = useMemo(() => (data.assignment ? usableForms(data.assignment) : []), [data.assignment]);

  const header = (
    <header className="ob-header">
      <span className="ob-brand">{t("appName")}</span>
      <label className="ob-language">
        <span className="fr-visually-hidden">{t("language")}</span>
        <select
          value={language}
          onChange={(event) => onLanguage(event.target.value as ObserverLanguage)}
          className="ob-select"
        >
          {OBSERVER_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageNames[code]}
            </option>
          ))}
        </select>
      </label>
    </header>
  );

  if (!data.loaded) return header;
  if (data.user === undefined || signingIn)
    return (
      <>
        {header}
        <SignInScreen
          db={db}
          again={data.user !== undefined}
          onSignedIn={() => {
            setSigningIn(false);
            void data.reload().then(() => data.sync(true));
          }}
        />
      </>
    );

  return (
    <>
      {header}
      <StatusBar data={data} onSignIn={() => setSigningIn(true)} />
      {screen.name === "form" ? (
        <FormScreen
          key={window.location.hash}
          db={db}
          data={data}
          forms={forms}
          target={screen.target}
          onDone={() => {
            window.location.hash = "#/";
            void data.reload().then(() => data.sync(true));
          }}
        />
      ) : (
        <RouteScreen
          db={db}
          data={data}
          forms={forms}
          onChanged={() => void data.reload().then(() => data.sync(true))}
        />
      )}
      <footer className="ob-footer">
        <span>{data.user.displayName}</span>
        <button
          type="button"
          className="ob-link"
          onClick={() => {
            const pending = pendingCount(data.entries);
            if (pending > 0 && !window.confirm(t("signOut.confirm", { count: pending }))) return;
            void signOut()
              .catch(() => undefined)
              .then(async () => {
                // The outbox stays: unsent reports go after the next sign-in.
                await db.delete("kv", "user");
                await db.delete("kv", "assignment");
                await data.reload();
              });
          }}
        >
          {t("signOut")}
        </button>
      </footer>
    </>
  );
}

function StatusBar({ data, onSignIn }: { data: ObserverData; onSignIn: () => void }) {
  const { t, language } = useT();
  const pending = data.entries.filter((e) => e.status === "pending");
  const next = Math.min(...pending.map((e) => e.nextAttemptAt));
  return (
    <section
      className={data.online ? "ob-statusbar" : "ob-statusbar ob-statusbar--offline"}
      aria-live="polite"
      data-online={data.online}
    >
      <p className="ob-statusbar__line">
        <strong>{data.online ? t("status.online") : t("status.offline")}</strong>
        {" · "}
        <span data-pending={pending.length}>
          {pending.length === 0 ? t("status.allSent") : t("status.pending", { count: pending.length })}
        </span>
        {pending.length > 0 && Number.isFinite(next) && next > Date.now() && (
          <> · {t("status.nextTry", { time: formatTime(new Date(next).toISOString(), language) })}</>
        )}
      </p>
      {data.signInNeeded && (
        <button type="button" className="ob-button ob-button--primary" onClick={onSignIn}>
          {t("signIn.submit")}
        </button>
      )}
      {pending.length > 0 && !data.signInNeeded && (
        <button
          type="button"
          className="ob-button"
          disabled={data.syncing}
          onClick={() => void data.sync(true)}
        >
          {data.syncing ? t("status.sending") : t("status.sendNow")}
        </button>
      )}
      {data.assignment !== undefined && (
        <p className="ob-muted ob-statusbar__line">
          {t("status.updated", { time: formatTime(data.assignment.fetchedAt, language) })}
        </p>
      )}
    </section>
  );
}
