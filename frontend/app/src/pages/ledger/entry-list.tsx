import type { Account, JournalEntry_Serialize } from "@sent/sdk";
import { Undo2 } from "lucide-react";
import { useState, type ReactNode } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatDay } from "@/lib/dates";
import { formatDecimal, centsFromWire } from "@/lib/money";

import { useReverseEntry } from "./queries";

/** Posted entries with their lines; a posted entry is never edited, only reversed. */
export function EntryList({
  entries,
  accounts,
  canReverse,
}: {
  entries: readonly JournalEntry_Serialize[];
  accounts: readonly Account[];
  canReverse: boolean;
}): ReactNode {
  const [reversing, setReversing] = useState<JournalEntry_Serialize | null>(null);
  const names = new Map(accounts.map((a) => [a.accountId, `${a.code} ${a.name}`]));
  return (
    <>
      <ol className="grid gap-3" aria-label="Journal entries">
        {entries.map((entry) => (
          <li key={entry.entryId} className="rounded-lg border" data-entry-id={entry.entryId}>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b bg-muted/30 px-3 py-2">
              <time dateTime={entry.entryDate} className="text-sm font-medium tabular-nums">
                {formatDay(entry.entryDate)}
              </time>
              <span className="min-w-0 flex-1 truncate text-sm">{entry.memo === "" ? <span className="text-muted-foreground">No description</span> : entry.memo}</span>
              {entry.reversesEntryId === null ? null : <Badge variant="warning">Reversal</Badge>}
              {entry.reversedByEntryId === null ? null : <Badge variant="secondary">Reversed</Badge>}
              {canReverse && entry.reversedByEntryId === null ? (
                <Button variant="ghost" size="sm" onClick={() => setReversing(entry)} aria-label={`Reverse entry of ${formatDay(entry.entryDate)}: ${entry.memo}`}>
                  <Undo2 aria-hidden="true" />
                  Reverse
                </Button>
              ) : null}
            </div>
            <Table aria-label={`Lines of the entry of ${formatDay(entry.entryDate)}`}>
              <TableHeader className="sr-only">
                <TableRow>
                  <TableHead>Account</TableHead>
                  <TableHead>Memo</TableHead>
                  <TableHead>Debit</TableHead>
                  <TableHead>Credit</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {entry.lines.map((line) => (
                  <TableRow key={line.lineNo}>
                    <TableCell className={centsFromWire(line.credit) > 0n ? "pl-8" : undefined}>{names.get(line.accountId) ?? line.accountId}</TableCell>
                    <TableCell className="text-muted-foreground">{line.memo}</TableCell>
                    <TableCell className="w-40 text-right whitespace-nowrap tabular-nums">{centsFromWire(line.debit) === 0n ? "" : `${formatDecimal(line.debit)} ${line.currency}`}</TableCell>
                    <TableCell className="w-40 text-right whitespace-nowrap tabular-nums">{centsFromWire(line.credit) === 0n ? "" : `${formatDecimal(line.credit)} ${line.currency}`}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </li>
        ))}
      </ol>
      <ReverseDialog entry={reversing} onClose={() => setReversing(null)} />
    </>
  );
}

function ReverseDialog({ entry, onClose }: { entry: JournalEntry_Serialize | null; onClose: () => void }): ReactNode {
  const reverse = useReverseEntry();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      open={entry !== null}
      onClose={onClose}
      title="Reverse this entry?"
      description={
        <>
          A mirror entry dated {entry === null ? "" : formatDay(entry.entryDate)} is posted, debits and credits swapped, so the original's effect on every balance is
          undone. Both stay in the journal; an entry is reversed only once.
        </>
      }
      action="Reverse entry"
      attempt={reverse}
      onConfirm={() => {
        if (entry === null) return;
        reverse.mutate(
          { entryId: entry.entryId },
          {
            onSuccess: () => {
              toast({ title: "Entry reversed", description: entry.memo, variant: "success" });
              onClose();
            },
          },
        );
      }}
    />
  );
}
