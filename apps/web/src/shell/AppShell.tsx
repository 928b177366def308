import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useMatch } from "react-router";
import { useElections, useSignOut } from "../api/queries.ts";
import { useSignedInUser } from "../session/session.tsx";
import { LoadingPanel } from "../ui/status.tsx";
import { ElectionSwitcher } from "./ElectionSwitcher.tsx";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { Logo } from "./Logo.tsx";
import { accountPages, pagesFor } from "./navigation.ts";

/** Header, navigation and the page outlet for signed-in users. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const signOut = useSignOut();
  const elections = useElections();
  const match = useMatch("/elections/:electionId/*");
  const electionId = match?.params.electionId ?? elections.data?.[0]?.id;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <Logo />
          <span className="brand__name">{t("app.name")}</span>
        </Link>
        <div className="topbar__middle">
          <ElectionSwitcher electionId={match?.params.electionId} />
        </div>
        <div className="topbar__end">
          <LanguageSwitcher />
          <p className="account">
            <span className="visually-hidden">{t("header.account")}: </span>
            <span className="account__name">{user.displayName}</span>
            <span className="badge badge--role">{t(`role.${user.role}`)}</span>
          </p>
          <button
            type="button"
            className="button button--ghost"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            {signOut.isPending ? t("header.signingOut") : t("header.signOut")}
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="sidenav" aria-label={t("nav.label")}>
          <ul className="sidenav__list">
            {electionId !== undefined &&
              pagesFor(user.role).map((page) => (
                <li key={page.labelKey}>
                  <NavLink
                    end={page.path === ""}
                    to={`/elections/${electionId}${page.path}`}
                    className={({ isActive }) => (isActive ? "sidenav__link is-active" : "sidenav__link")}
                  >
                    <span className="sidenav__icon" aria-hidden="true" />
                    {t(page.labelKey)}
                  </NavLink>
                </li>
              ))}
            {user.role === "admin" && (
              <li>
                <NavLink
                  to="/setup/new-election"
                  className={({ isActive }) => (isActive ? "sidenav__link is-active" : "sidenav__link")}
                >
                  <span className="sidenav__icon" aria-hidden="true" />
                  {t("electionSetup.newElection")}
                </NavLink>
              </li>
            )}
          </ul>
          <ul className="sidenav__list" aria-label={t("nav.accountLabel")}>
            {pagesFor(user.role, accountPages).map((page) => (
              <li key={page.labelKey}>
                <NavLink
                  to={page.path}
                  className={({ isActive }) => (isActive ? "sidenav__link is-active" : "sidenav__link")}
                >
                  <span className="sidenav__icon" aria-hidden="true" />
                  {t(page.labelKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {/* Pages are loaded on first visit (App.tsx); the shell stays while one loads. */}
          <Suspense fallback={<LoadingPanel />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
