import { QueryCache, QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError, type SessionUser } from "./client.ts";

export const queryKeys = {
  me: ["me"] as const,
  elections: ["elections"] as const,
  overview: (electionId: string) => ["elections", electionId, "overview"] as const,
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
