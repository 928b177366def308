import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, Route, Routes } from "react-router";
import { HomeRedirect } from "./pages/HomeRedirect.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { OverviewPage } from "./pages/OverviewPage.tsx";
import { SignInPage } from "./pages/SignInPage.tsx";
import { RequireSession } from "./session/session.tsx";
import { AppShell } from "./shell/AppShell.tsx";

/** Routes: `/sign-in` is public; everything else needs a session and renders inside the shell. */
export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route element={<RequireSession />}>
            <Route element={<AppShell />}>
              <Route index element={<HomeRedirect />} />
              <Route path="elections/:electionId" element={<OverviewPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
