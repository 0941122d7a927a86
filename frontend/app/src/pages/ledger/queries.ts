/**
 * The ledger's data, through the generated SDK. Keys start with
 * `["ledger", organizationId]`: a change invalidates everything of that
 * organization's ledger (balances move with every entry) and nothing of
 * another's.
 */

import type { Account, CreateAccount, JournalEntry_Serialize, Page_Serialize, PostEntry_Deserialize, TrialBalance } from "@sent/sdk";
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from "@tanstack/react-query";

import { useOrganization } from "@/lib/organization";
import { everyPage } from "@/lib/pages";
import { useSent } from "@/lib/sdk";

export const ledgerKeys = {
  all: (org: string) => ["ledger", org] as const,
  accounts: (org: string) => ["ledger", org, "accounts"] as const,
  entries: (org: string) => ["ledger", org, "entries"] as const,
  trialBalance: (org: string, asOf: string) => ["ledger", org, "trialBalance", asOf] as const,
};

/** The whole chart of accounts (every page), ordered by code. */
export function useAccounts(): UseQueryResult<Account[]> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useQuery({
    queryKey: ledgerKeys.accounts(organizationId),
    queryFn: ({ signal }) =>
      everyPage((cursor, limit) => sent.ledger.listAccounts({ cursor, limit }, { organization: organizationId, signal })),
  });
}

export const ENTRIES_PAGE = 20;

/** Journal entries, newest first, a page at a time. */
export function useEntries(): UseInfiniteQueryResult<InfiniteData<Page_Serialize<JournalEntry_Serialize>, string | null>> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useInfiniteQuery({
    queryKey: ledgerKeys.entries(organizationId),
    queryFn: ({ pageParam, signal }) => sent.ledger.listEntries({ cursor: pageParam, limit: ENTRIES_PAGE }, { organization: organizationId, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTrialBalance(asOf: string, enabled = true): UseQueryResult<TrialBalance> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useQuery({
    queryKey: ledgerKeys.trialBalance(organizationId, asOf),
    queryFn: ({ signal }) => sent.ledger.trialBalance({ asOf }, { organization: organizationId, signal }),
    enabled,
  });
}

function useInvalidateLedger(): () => Promise<void> {
  const queryClient = useQueryClient();
  const { organizationId } = useOrganization();
  return () => queryClient.invalidateQueries({ queryKey: ledgerKeys.all(organizationId) });
}

export function useCreateAccount(): UseMutationResult<Account, Error, CreateAccount> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (params: CreateAccount) => sent.ledger.createAccount(params, { organization: organizationId }),
    onSuccess: invalidate,
  });
}

export function usePostEntry(): UseMutationResult<JournalEntry_Serialize, Error, PostEntry_Deserialize> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (params: PostEntry_Deserialize) => sent.ledger.postEntry(params, { organization: organizationId }),
    onSuccess: invalidate,
  });
}

export function useReverseEntry(): UseMutationResult<JournalEntry_Serialize, Error, { entryId: string }> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ entryId }: { entryId: string }) => sent.ledger.reverseEntry({ entryId }, { organization: organizationId }),
    onSuccess: invalidate,
  });
}
