import { BookOpen } from "lucide-react";
import type { ReactNode } from "react";

import { EmptyState, ErrorNotice, TableSkeleton } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDay } from "@/lib/dates";
import { useOrganization } from "@/lib/organization";
import { hasRole } from "@/lib/roles";

import { KIND_LABELS } from "./chart-data";
import { NewAccountDialog } from "./new-account-dialog";
import { useAccounts } from "./queries";

export function AccountsPage(): ReactNode {
  const accounts = useAccounts();
  const { role } = useOrganization();
  const canCreate = hasRole(role, "admin");
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle id="accounts-title">Chart of accounts</CardTitle>
          <CardDescription>Every account of the organization, by code.</CardDescription>
        </div>
        {canCreate ? <NewAccountDialog /> : null}
      </CardHeader>
      <CardContent>
        {accounts.isPending ? (
          <TableSkeleton label="Loading the accounts…" rows={6} columns={4} />
        ) : accounts.isError ? (
          <ErrorNotice error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : accounts.data.length === 0 ? (
          <EmptyState
            icon={<BookOpen />}
            title="No accounts yet"
            description={canCreate ? "Create the first account of the chart: cash, sales, equity…" : "An admin creates the chart of accounts."}
          />
        ) : (
          <Table aria-labelledby="accounts-title">
            <TableHeader>
              <TableRow>
                <TableHead>Code</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>Kind</TableHead>
                <TableHead>Currency</TableHead>
                <TableHead>Opened</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {accounts.data.map((account) => (
                <TableRow key={account.accountId}>
                  <TableCell className="font-mono">{account.code}</TableCell>
                  <TableCell className="font-medium">{account.name}</TableCell>
                  <TableCell>
                    <Badge variant="secondary">{KIND_LABELS[account.kind]}</Badge>
                  </TableCell>
                  <TableCell className="font-mono">{account.currency}</TableCell>
                  <TableCell className="text-muted-foreground">{formatDay(account.createdAt.slice(0, 10))}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
