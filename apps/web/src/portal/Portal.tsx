// The public portal: no sign-in, its own entry point (/portal/) and bundle, hash routes so that any
// static host can serve it. It shows only what the public API serves: published snapshots.
import { useEffect, useMemo, useState } from "react";
import { ElectionPage } from "./ElectionPage.tsx";
import { ElectionsPage } from "./ElectionsPage.tsx";
import { LanguageContext, PORTAL_LANGUAGES, type PortalLanguage, translator } from "./i18n.ts";
import { PublicationPage } from "./PublicationPage.tsx";
import { VerifyPage } from "./VerifyPage.tsx";

type Route =
  | { page: "elections" }
  | { page: "election"; id: string }
  | { page: "publication"; id: string }
  | { page: "verify" };

export function routeOf(hash: string): Route {
  const [, section, id] = hash.replace(/^#/, "").split("/");
  if (section === "elections" && id) return { page: "election", id: decodeURIComponent(id) };
  if (section === "publications" && id) return { page: "publication", id: decodeURIComponent(id) };
  if (section === "verify") return { page: "verify" };
  return { page: "elections" };
}

function initialLanguage(): PortalLanguage {
  const stored = localStorage.getItem("scrutiny.portal.language");
  if (stored === "en" || stored === "ru") return stored;
  return navigator.language.startsWith("ru") ? "ru" : "en";
}

export function Portal() {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  const [language, setLanguage] = useState(initialLanguage);
  useEffect(() => {
    const onHash = () => {
      setRoute(routeOf(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem("scrutiny.portal.language", language);
  }, [language]);
  const text = useMemo(() => ({ language, t: translator(language) }), [language]);
  const { t } = text;
  return (
    <LanguageContext.Provider value={text}>
      <header className="portal-top">
        <a className="portal-brand" href="#/">
          Scrutiny
        </a>
        <nav aria-label="Portal">
          <a href="#/">{t("nav.elections")}</a>
          <a href="#/verify">{t("nav.verify")}</a>
        </nav>
        <label className="portal-language">
          <span className="visually-hidden">{t("language")}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as PortalLanguage)}>
            {PORTAL_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === "en" ? "English" : "Русский"}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main className="portal-main">
        {route.page === "elections" ? <ElectionsPage /> : null}
        {route.page === "election" ? <ElectionPage id={route.id} /> : null}
        {route.page === "publication" ? <PublicationPage id={route.id} /> : null}
        {route.page === "verify" ? <VerifyPage /> : null}
      </main>
    </LanguageContext.Provider>
  );
}
