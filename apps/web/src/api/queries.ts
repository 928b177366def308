import {
  keepPreviousData,
  QueryCache,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useParams } from "react-router";
import {
  api,
  type DirectoryQuery,
  isApiError,
  type ReviewDecision,
  type SessionUser,
  type SubmissionFilter,
} from "./client.ts";

export const queryKeys = {
  me: ["me"] as const,
  elections: ["elections"] as const,
  overview: (electionId: string) => ["elections", electionId, "overview"] as const,
  submissions: (missionId: string) => ["missions", missionId, "submissions"] as const,
  submissionPage: (missionId: string, filter: SubmissionFilter) =>
    ["missions", missionId, "submissions", filter] as const,
  submission: (submissionId: string) => ["submissions", submissionId] as const,
  forms: (electionId: string) => ["elections", electionId, "forms"] as const,
  formVersion: (formId: string, version: number) => ["forms", formId, version] as const,
  directory: (missionId: string, query: DirectoryQuery) =>
    ["missions", missionId, "directory", query] as const,
};

/**
 * One client for the app. A 401 from any query means the session ended (expired or signed out
 * elsewhere): the session query is set to "nobody", which sends the user to the sign-in page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error, 401) && query.queryKey[0] !== queryKeys.me[0]) {
          client.setQueryData(queryKeys.me, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors will not change on retry; the network and the server may.
        retry: (failures, error) =>
          failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
  return client;
}

/** The signed-in user, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<SessionUser | null> => {
      try {
        return (await api.me()).user;
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      api.signIn(username, password),
    onSuccess: ({ user }) => {
      client.setQueryData(queryKeys.me, user);
    },
  });
}

/**
 * Ends the session, then reloads the app on the sign-in page: a fresh page holds nothing of
 * what the previous user could see (query cache, component state), whatever the server answered.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => api.signOut(),
    onSettled: () => {
      window.location.replace(SIGNED_OUT_PATH);
    },
  });
}

export const SIGNED_OUT_PATH = "/sign-in?signed-out";

export function useElections() {
  return useQuery({ queryKey: queryKeys.elections, queryFn: async () => (await api.elections()).elections });
}

export function useOverview(electionId: string) {
  return useQuery({ queryKey: queryKeys.overview(electionId), queryFn: () => api.overview(electionId) });
}

/** The time zone of the election whose page this is, once its overview has loaded. */
export function useElectionTimeZone(): string | undefined {
  const { electionId } = useParams();
  const overview = useQuery({
    queryKey: queryKeys.overview(electionId ?? ""),
    queryFn: () => api.overview(electionId ?? ""),
    enabled: electionId !== undefined && electionId !== "",
  });
  return overview.data?.election.timeZone;
}

/** One page of a mission's reports; the previous page stays on screen while the next loads. */
export function useSubmissions(missionId: string | null, filter: SubmissionFilter) {
  return useQuery({
    queryKey: queryKeys.submissionPage(missionId ?? "", filter),
    queryFn: () => api.submissions(missionId ?? "", filter),
    enabled: missionId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSubmission(submissionId: string) {
  return useQuery({
    queryKey: queryKeys.submission(submissionId),
    queryFn: () => api.submission(submissionId),
  });
}

/** Records a review decision, then reloads the report and every list it appears in. */
export function useReview(submissionId: string, missionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, reason }: { decision: ReviewDecision; reason: string }) =>
      api.review(submissionId, decision, reason),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.submission(submissionId) }),
        client.invalidateQueries({ queryKey: queryKeys.submissions(missionId) }),
      ]);
    },
  });
}

export function useForms(electionId: string) {
  return useQuery({
    queryKey: queryKeys.forms(electionId),
    queryFn: async () => (await api.forms(electionId)).forms,
  });
}

/** A published form version; versions never change, so it is fetched once. */
export function useFormVersion(formId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: queryKeys.formVersion(formId ?? "", version ?? 0),
    queryFn: () => api.formVersion(formId ?? "", version ?? 0),
    enabled: formId !== undefined && version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Codes and names behind ids; names seldom change, so they stay cached for five minutes. */
export function useDirectory(missionId: string | null, query: DirectoryQuery) {
  const empty =
    (query.stationIds?.length ?? 0) === 0 &&
    (query.observerIds?.length ?? 0) === 0 &&
    (query.userIds?.length ?? 0) === 0 &&
    (query.stationCode ?? "") === "";
  return useQuery({
    queryKey: queryKeys.directory(missionId ?? "", query),
    queryFn: () => api.directory(missionId ?? "", query),
    enabled: missionId !== null && !empty,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
