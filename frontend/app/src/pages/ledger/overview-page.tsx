import type { TrialBalance } from "@sent/sdk";
import { Plus, Scale } from "lucide-react";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";

import { BlockSkeleton, EmptyState, ErrorNotice, TableSkeleton } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDay, isDay, today } from "@/lib/dates";
import { centsFromWire, formatDecimal } from "@/lib/money";
import { orgPath, useOrganization } from "@/lib/organization";
import { hasRole } from "@/lib/roles";

import { BalanceChart } from "./balance-chart";
import { KIND_LABELS } from "./chart-data";
import { useAccounts, useTrialBalance } from "./queries";

/** Balances: the chart, the trial balance and its totals, as of a chosen day. */
export function OverviewPage(): ReactNode {
  const [search, setSearch] = useSearchParams();
  const requested = search.get("asOf") ?? "";
  const asOf = isDay(requested) ? requested : today();
  const accounts = useAccounts();
  const trial = useTrialBalance(asOf);
  const { organizationId, role } = useOrganization();

  const noAccounts = accounts.data !== undefined && accounts.data.length === 0;

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Field label="Balances as of" className="w-48">
          {(control) => (
            <Input
              {...control}
              type="date"
              value={asOf}
              onChange={(event) => {
                const value = event.target.value;
                setSearch(isDay(value) && value !== today() ? { asOf: value } : {}, { replace: true });
              }}
            />
          )}
        </Field>
        {trial.data === undefined ? null : <Totals trial={trial.data} />}
      </div>

      {noAccounts ? (
        <EmptyState
          icon={<Scale />}
          title="No accounts yet"
          description="Balances appear here once the chart of accounts has accounts and the journal has entries."
          action={
            hasRole(role, "admin") ? (
              <Button asChild>
                <Link to={orgPath(organizationId, "ledger/accounts")}>
                  <Plus aria-hidden="true" />
                  Create an account
                </Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <div className="grid gap-6 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Balance chart</CardTitle>
                <CardDescription>Each account's balance on {formatDay(asOf)}, on its normal side.</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              {trial.isPending ? (
                <BlockSkeleton label="Loading the chart…" className="h-56" />
              ) : trial.isError ? (
                <ErrorNotice error={trial.error} onRetry={() => void trial.refetch()} />
              ) : (
                <BalanceChart rows={trial.data.rows} />
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <div>
                <CardTitle id="trial-balance-title">Trial balance</CardTitle>
                <CardDescription>Debits, credits and balance (debit minus credit) of every account up to {formatDay(asOf)}.</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              {trial.isPending ? (
                <TableSkeleton label="Loading the trial balance…" rows={6} columns={5} />
              ) : trial.isError ? (
                <ErrorNotice error={trial.error} onRetry={() => void trial.refetch()} />
              ) : trial.data.rows.length === 0 ? (
                <EmptyState title="Nothing to show" description="No account existed on this day." />
              ) : (
                <TrialBalanceTable trial={trial.data} />
              )}
            </CardContent>
          </Card>
        </div>
      )}
    </div>
  );
}

function Totals({ trial }: { trial: TrialBalance }): ReactNode {
  if (trial.totals.length === 0) {
    return null;
  }
  return (
    <dl className="flex flex-wrap gap-3" aria-label="Totals">
      {trial.totals.map((total) => {
        const balanced = centsFromWire(total.debit) === centsFromWire(total.credit);
        return (
          <div key={total.currency} className="rounded-lg border bg-card px-4 py-2 shadow-xs" data-testid={`totals-${total.currency}`}>
            <dt className="flex items-center gap-2 text-xs font-medium text-muted-foreground">
              {total.currency}
              <Badge variant={balanced ? "success" : "destructive"}>{balanced ? "Balanced" : "Out of balance"}</Badge>
            </dt>
            <dd className="mt-1 text-sm tabular-nums">
              Debits <span className="font-semibold">{formatDecimal(total.debit)}</span> · Credits{" "}
              <span className="font-semibold">{formatDecimal(total.credit)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function TrialBalanceTable({ trial }: { trial: TrialBalance }): ReactNode {
  return (
    <Table aria-labelledby="trial-balance-title">
      <TableHeader>
        <TableRow>
          <TableHead>Account</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead className="text-right">Debit</TableHead>
          <TableHead className="text-right">Credit</TableHead>
          <TableHead className="text-right">Balance</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {trial.rows.map((row) => (
          <TableRow key={row.accountId} data-account-code={row.code}>
            <TableCell>
              <span className="font-mono text-xs text-muted-foreground">{row.code}</span> <span className="font-medium">{row.name}</span>
            </TableCell>
            <TableCell>
              <Badge variant="secondary">{KIND_LABELS[row.kind]}</Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatDecimal(row.debit)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatDecimal(row.credit)}</TableCell>
            <TableCell className="text-right font-medium tabular-nums">
              {formatDecimal(row.balance)} <span className="text-xs text-muted-foreground">{row.currency}</span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        {trial.totals.map((total) => (
          <TableRow key={total.currency}>
            <TableCell colSpan={2}>Total {total.currency}</TableCell>
            <TableCell className="text-right tabular-nums">{formatDecimal(total.debit)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatDecimal(total.credit)}</TableCell>
            <TableCell />
          </TableRow>
        ))}
      </TableFooter>
    </Table>
  );
}
