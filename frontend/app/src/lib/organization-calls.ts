/**
 * Queries and mutations of the page's organization. The SDK client and the
 * organization come from context, so an app's hooks (`pages/<app>/queries.ts`)
 * say only which method they call, under which key, and what a change makes
 * stale.
 */

import type { CallOptions, Page_Serialize, Sent } from "@sent/sdk";
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from "@tanstack/react-query";

import { useOrganization } from "@/lib/organization";
import { useSent } from "@/lib/sdk";

/** A call of the SDK, made in the page's organization with these options. */
type Call<P, R> = (sent: Sent, params: P, options: CallOptions) => Promise<R>;

/** A query keyed per organization (`key(organizationId)`), cancelled with the page. */
export function useOrganizationQuery<R>(
  key: (organizationId: string) => QueryKey,
  call: Call<void, R>,
  enabled = true,
): UseQueryResult<R> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useQuery({
    queryKey: key(organizationId),
    queryFn: ({ signal }) => call(sent, undefined, { organization: organizationId, signal }),
    enabled,
  });
}

/** A list read a page at a time: `call` gets the cursor of the page to read. */
export function useOrganizationPages<T>(
  key: (organizationId: string) => QueryKey,
  call: Call<string | null, Page_Serialize<T>>,
): UseInfiniteQueryResult<InfiniteData<Page_Serialize<T>, string | null>> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useInfiniteQuery({
    queryKey: key(organizationId),
    queryFn: ({ pageParam, signal }) => call(sent, pageParam, { organization: organizationId, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** What a mutation makes stale, and when the page reads it again. */
export interface Refresh {
  /** The keys to read again, for the page's organization. */
  readonly keys: (organizationId: string) => readonly QueryKey[];
  /**
   * `success` (the default): once the change is made, and the mutation is
   * done only when they have been read again. `settled`: after a refusal
   * too (a refusal can mean the page is out of date). `background`: once
   * the change is made, without waiting for them.
   */
  readonly when?: "success" | "settled" | "background";
}

/** A change in the page's organization, and the queries it makes stale. */
export function useOrganizationMutation<P, R>(call: Call<P, R>, refresh: Refresh): UseMutationResult<R, Error, P> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const queryClient = useQueryClient();
  const readAgain = async (): Promise<void> => {
    await Promise.all(refresh.keys(organizationId).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
  const when = refresh.when ?? "success";
  return useMutation({
    mutationFn: (params: P) => call(sent, params, { organization: organizationId }),
    onSuccess: async () => {
      if (when === "success") await readAgain();
      else if (when === "background") void readAgain();
    },
    onSettled: async () => {
      if (when === "settled") await readAgain();
    },
  });
}
