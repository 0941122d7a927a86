/**
 * The ledger's data, through the generated SDK. Keys start with
 * `["ledger", organizationId]`: a change invalidates everything of that
 * organization's ledger (balances move with every entry) and nothing of
 * another's.
 */

import type { Account, CreateAccount, JournalEntry_Serialize, Page_Serialize, PostEntry_Deserialize, TrialBalance } from "@sent/sdk";
import type { InfiniteData, UseInfiniteQueryResult, UseMutationResult, UseQueryResult } from "@tanstack/react-query";

import { useOrganizationMutation, useOrganizationPages, useOrganizationQuery, type Refresh } from "@/lib/organization-calls";
import { everyPage } from "@/lib/pages";

export const ledgerKeys = {
  all: (org: string) => ["ledger", org] as const,
  accounts: (org: string) => ["ledger", org, "accounts"] as const,
  entries: (org: string) => ["ledger", org, "entries"] as const,
  trialBalance: (org: string, asOf: string) => ["ledger", org, "trialBalance", asOf] as const,
};

/** The whole chart of accounts (every page), ordered by code. */
export function useAccounts(): UseQueryResult<Account[]> {
  return useOrganizationQuery(ledgerKeys.accounts, (sent, _, options) =>
    everyPage((cursor, limit) => sent.ledger.listAccounts({ cursor, limit }, options)),
  );
}

export const ENTRIES_PAGE = 20;

/** Journal entries, newest first, a page at a time. */
export function useEntries(): UseInfiniteQueryResult<InfiniteData<Page_Serialize<JournalEntry_Serialize>, string | null>> {
  return useOrganizationPages(ledgerKeys.entries, (sent, cursor, options) => sent.ledger.listEntries({ cursor, limit: ENTRIES_PAGE }, options));
}

export function useTrialBalance(asOf: string, enabled = true): UseQueryResult<TrialBalance> {
  return useOrganizationQuery((org) => ledgerKeys.trialBalance(org, asOf), (sent, _, options) => sent.ledger.trialBalance({ asOf }, options), enabled);
}

/** Every change moves balances: the whole ledger of the organization is read again. */
const LEDGER_CHANGED: Refresh = { keys: (org) => [ledgerKeys.all(org)] };

export function useCreateAccount(): UseMutationResult<Account, Error, CreateAccount> {
  return useOrganizationMutation((sent, params: CreateAccount, options) => sent.ledger.createAccount(params, options), LEDGER_CHANGED);
}

export function usePostEntry(): UseMutationResult<JournalEntry_Serialize, Error, PostEntry_Deserialize> {
  return useOrganizationMutation((sent, params: PostEntry_Deserialize, options) => sent.ledger.postEntry(params, options), LEDGER_CHANGED);
}

export function useReverseEntry(): UseMutationResult<JournalEntry_Serialize, Error, { entryId: string }> {
  return useOrganizationMutation(
    (sent, { entryId }: { entryId: string }, options) => sent.ledger.reverseEntry({ entryId }, options),
    LEDGER_CHANGED,
  );
}
