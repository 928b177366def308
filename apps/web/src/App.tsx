import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, Route, Routes } from "react-router";
import { AnalysisPage } from "./analysis/AnalysisPage.tsx";
import { CoveragePage } from "./coverage/CoveragePage.tsx";
import { DeploymentPage } from "./deployment/DeploymentPage.tsx";
import { ForensicsPage } from "./forensics/ForensicsPage.tsx";
import { FormPreviewPage } from "./forms/FormPreviewPage.tsx";
import { FormsPage } from "./forms/FormsPage.tsx";
import { LivePage } from "./live/LivePage.tsx";
import { OverviewPage } from "./overview/OverviewPage.tsx";
import { SignInPage } from "./session/SignInPage.tsx";
import { RequireSession } from "./session/session.tsx";
import { AppShell } from "./shell/AppShell.tsx";
import { HomeRedirect } from "./shell/HomeRedirect.tsx";
import { NotFoundPage } from "./shell/NotFoundPage.tsx";
import { SubmissionDetailPage } from "./submissions/SubmissionDetailPage.tsx";
import { SubmissionsPage } from "./submissions/SubmissionsPage.tsx";

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
              <Route path="elections/:electionId/forms/:formId" element={<FormPreviewPage />} />
              <Route path="elections/:electionId/analysis" element={<AnalysisPage />} />
              <Route path="elections/:electionId/forensics" element={<ForensicsPage />} />
              <Route path="elections/:electionId/deployment" element={<DeploymentPage />} />
              <Route path="elections/:electionId/coverage" element={<CoveragePage />} />
              <Route path="elections/:electionId/live" element={<LivePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
