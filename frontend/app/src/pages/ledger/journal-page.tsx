import { NotebookPen, Plus } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";

import { EmptyState, ErrorNotice, TableSkeleton } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orgPath, useOrganization } from "@/lib/organization";
import { hasRole } from "@/lib/roles";

import { EntryForm } from "./entry-form";
import { EntryList } from "./entry-list";
import { useAccounts, useEntries } from "./queries";

export function JournalPage(): ReactNode {
  const { organizationId, role } = useOrganization();
  const accounts = useAccounts();
  const entries = useEntries();
  const canPost = hasRole(role, "member");
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="grid gap-6">
      {canPost ? (
        <Card>
          <CardHeader>
            <div>
              <CardTitle id="entry-form-title">New journal entry</CardTitle>
              <CardDescription>Debits must equal credits in each currency. An entry that does not balance is not sent.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            {accounts.isPending ? (
              <TableSkeleton label="Loading the accounts…" rows={3} columns={4} />
            ) : accounts.isError ? (
              <ErrorNotice error={accounts.error} onRetry={() => void accounts.refetch()} />
            ) : accounts.data.length < 2 ? (
              <EmptyState
                title="An entry needs at least two accounts"
                description="Create accounts in the chart first."
                action={
                  hasRole(role, "admin") ? (
                    <Button asChild variant="outline">
                      <Link to={orgPath(organizationId, "ledger/accounts")}>
                        <Plus aria-hidden="true" />
                        Go to accounts
                      </Link>
                    </Button>
                  ) : undefined
                }
              />
            ) : (
              <EntryForm accounts={accounts.data} />
            )}
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <div>
            <CardTitle>Journal</CardTitle>
            <CardDescription>Posted entries, newest first.</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="grid gap-3">
          {entries.isPending ? (
            <TableSkeleton label="Loading the journal…" rows={5} columns={4} />
          ) : entries.data === undefined ? (
            <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState icon={<NotebookPen />} title="No entries yet" description={canPost ? "Post the first entry with the form above." : "Entries appear here once they are posted."} />
          ) : (
            <>
              <EntryList entries={items} accounts={accounts.data ?? []} canReverse={canPost} />
              {entries.hasNextPage ? (
                <div className="flex justify-center">
                  <Button variant="outline" pending={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
                    Load older entries
                  </Button>
                </div>
              ) : null}
              {entries.isFetchNextPageError ? <ErrorNotice error={entries.error} onRetry={() => void entries.fetchNextPage()} /> : null}
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
