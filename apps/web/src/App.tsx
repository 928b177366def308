import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, Route, Routes } from "react-router";
import { LivePage } from "./live/LivePage.tsx";
import { AnalysisPage } from "./pages/AnalysisPage.tsx";
import { DeploymentCoveragePage } from "./pages/DeploymentCoveragePage.tsx";
import { DeploymentPage } from "./pages/DeploymentPage.tsx";
import { ForensicsPage } from "./pages/ForensicsPage.tsx";
import { FormPreviewPage } from "./pages/FormPreviewPage.tsx";
import { FormsPage } from "./pages/FormsPage.tsx";
import { HomeRedirect } from "./pages/HomeRedirect.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { OverviewPage } from "./pages/OverviewPage.tsx";
import { SignInPage } from "./pages/SignInPage.tsx";
import { SubmissionDetailPage } from "./pages/SubmissionDetailPage.tsx";
import { SubmissionsPage } from "./pages/SubmissionsPage.tsx";
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
              <Route path="elections/:electionId/submissions" element={<SubmissionsPage />} />
              <Route
                path="elections/:electionId/submissions/:submissionId"
                element={<SubmissionDetailPage />}
              />
              <Route path="elections/:electionId/forms" element={<FormsPage />} />
              <Route path="elections/:electionId/analysis" element={<AnalysisPage />} />
              <Route path="elections/:electionId/forensics" element={<ForensicsPage />} />
              <Route path="elections/:electionId/deployment" element={<DeploymentPage />} />
              <Route path="elections/:electionId/coverage" element={<DeploymentCoveragePage />} />
              <Route path="elections/:electionId/live" element={<LivePage />} />
              <Route path="elections/:electionId/forms/:formId" element={<FormPreviewPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
