import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { SignInPage } from "./session/SignInPage.tsx";
import { RequireSession } from "./session/session.tsx";
import { AppShell } from "./shell/AppShell.tsx";
import { HomeRedirect } from "./shell/HomeRedirect.tsx";
import { NotFoundPage } from "./shell/NotFoundPage.tsx";
import { LoadingPanel } from "./ui/status.tsx";

// Each page is its own chunk, loaded when first visited: no page downloads the whole app
// (the sign-in page and the shell stay in the entry so the first screen needs one script).
const AccountsPage = lazy(() =>
  import("./accounts/AccountsPage.tsx").then((m) => ({ default: m.AccountsPage })),
);
const MyAccountPage = lazy(() =>
  import("./accounts/MyAccountPage.tsx").then((m) => ({ default: m.MyAccountPage })),
);
const SetupPage = lazy(() => import("./accounts/SetupPage.tsx").then((m) => ({ default: m.SetupPage })));
const AnalysisPage = lazy(() =>
  import("./analysis/AnalysisPage.tsx").then((m) => ({ default: m.AnalysisPage })),
);
const CoveragePage = lazy(() =>
  import("./coverage/CoveragePage.tsx").then((m) => ({ default: m.CoveragePage })),
);
const DeploymentPage = lazy(() =>
  import("./deployment/DeploymentPage.tsx").then((m) => ({ default: m.DeploymentPage })),
);
const ForensicsPage = lazy(() =>
  import("./forensics/ForensicsPage.tsx").then((m) => ({ default: m.ForensicsPage })),
);
const PublishPage = lazy(() => import("./publish/PublishPage.tsx").then((m) => ({ default: m.PublishPage })));
const FormPreviewPage = lazy(() =>
  import("./forms/FormPreviewPage.tsx").then((m) => ({ default: m.FormPreviewPage })),
);
const FormsPage = lazy(() => import("./forms/FormsPage.tsx").then((m) => ({ default: m.FormsPage })));
const IncidentsPage = lazy(() =>
  import("./incidents/IncidentsPage.tsx").then((m) => ({ default: m.IncidentsPage })),
);
const LivePage = lazy(() => import("./live/LivePage.tsx").then((m) => ({ default: m.LivePage })));
const OverviewPage = lazy(() =>
  import("./overview/OverviewPage.tsx").then((m) => ({ default: m.OverviewPage })),
);
const ElectionSetupPage = lazy(() =>
  import("./setup/ElectionSetupPage.tsx").then((m) => ({ default: m.ElectionSetupPage })),
);
const PaperEntryPage = lazy(() =>
  import("./paper/PaperEntryPage.tsx").then((m) => ({ default: m.PaperEntryPage })),
);
const PeoplePage = lazy(() => import("./people/PeoplePage.tsx").then((m) => ({ default: m.PeoplePage })));
const StationPage = lazy(() =>
  import("./stations/StationPage.tsx").then((m) => ({ default: m.StationPage })),
);
const SubmissionDetailPage = lazy(() =>
  import("./submissions/SubmissionDetailPage.tsx").then((m) => ({ default: m.SubmissionDetailPage })),
);
const SubmissionsPage = lazy(() =>
  import("./submissions/SubmissionsPage.tsx").then((m) => ({ default: m.SubmissionsPage })),
);

/**
 * Routes: `/sign-in` is public; everything else needs a session and renders inside the shell.
 * A page of an election gets its route here and its navigation entry in shell/navigation.ts.
 */
export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route
            path="/setup"
            element={
              <Suspense fallback={<LoadingPanel fullPage />}>
                <SetupPage />
              </Suspense>
            }
          />
          <Route element={<RequireSession />}>
            <Route element={<AppShell />}>
              <Route index element={<HomeRedirect />} />
              <Route path="account" element={<MyAccountPage />} />
              <Route path="accounts" element={<AccountsPage />} />
              <Route path="elections/:electionId" element={<OverviewPage />} />
              <Route path="elections/:electionId/submissions" element={<SubmissionsPage />} />
              <Route
                path="elections/:electionId/submissions/:submissionId"
                element={<SubmissionDetailPage />}
              />
              <Route path="elections/:electionId/forms" element={<FormsPage />} />
              <Route path="elections/:electionId/forms/:formId" element={<FormPreviewPage />} />
              <Route path="elections/:electionId/analysis" element={<AnalysisPage />} />
              <Route path="elections/:electionId/forensics" element={<ForensicsPage />} />
              <Route path="elections/:electionId/publish" element={<PublishPage />} />
              <Route path="elections/:electionId/deployment" element={<DeploymentPage />} />
              <Route path="elections/:electionId/people" element={<PeoplePage />} />
              <Route path="elections/:electionId/paper" element={<PaperEntryPage />} />
              <Route path="elections/:electionId/coverage" element={<CoveragePage />} />
              <Route path="elections/:electionId/live" element={<LivePage />} />
              <Route path="elections/:electionId/incidents" element={<IncidentsPage />} />
              <Route path="elections/:electionId/stations/:stationId" element={<StationPage />} />
              <Route path="elections/:electionId/setup" element={<ElectionSetupPage />} />
              <Route path="setup/new-election" element={<ElectionSetupPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
