import type { Account } from "@sent/sdk";
import { CircleCheck, Plus, Trash2, TriangleAlert } from "lucide-react";
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";

import { ErrorNotice } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { today } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { balances, checkEntry, describeImbalance, isBalanced, rowField, type EntryDraft, type FieldErrors, type LineDraft } from "@/lib/journal";
import { formatCents } from "@/lib/money";
import { cn } from "@/lib/utils";

import { usePostEntry } from "./queries";

let lineKey = 0;
function blankLine(): LineDraft {
  lineKey += 1;
  return { key: `line-${lineKey}`, accountId: "", debit: "", credit: "", memo: "" };
}

function blankDraft(): EntryDraft {
  return { entryDate: today(), memo: "", lines: [blankLine(), blankLine()] };
}

/**
 * A new journal entry. It is checked here first, with the same rules as the
 * server: an entry whose debits and credits differ in any currency is
 * refused with the difference shown and is never sent. Should the server
 * still refuse it, its typed error is shown (at the field it names, when it
 * names one).
 */
export function EntryForm({ accounts }: { accounts: readonly Account[] }): ReactNode {
  const [draft, setDraft] = useState<EntryDraft>(blankDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Which form row each line sent came from, to place a server error.
  const [sentRows, setSentRows] = useState<readonly number[]>([]);
  const post = usePostEntry();
  const { toast } = useToast();
  const formRef = useRef<HTMLFormElement>(null);

  const accountMap = useMemo(() => new Map(accounts.map((a) => [a.accountId, a])), [accounts]);
  const sums = balances(draft, accountMap);
  const balanced = isBalanced(sums);

  const serverError = post.error === null ? undefined : describeError(post.error);
  const serverField = serverError?.field === undefined ? undefined : rowField(serverError.field, sentRows);
  const errorAt = (field: string): string | undefined => errors[field] ?? (serverField === field ? serverError?.message : undefined);

  const change = (next: EntryDraft): void => {
    setDraft(next);
    if (Object.keys(errors).length > 0) {
      // Re-check as the person corrects, so fixed fields clear at once.
      const check = checkEntry(next, accountMap);
      setErrors(check.ok ? {} : check.errors);
    }
    if (post.error !== null) {
      post.reset();
    }
  };
  const changeLine = (index: number, patch: Partial<LineDraft>): void => {
    change({ ...draft, lines: draft.lines.map((line, i) => (i === index ? { ...line, ...patch } : line)) });
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const check = checkEntry(draft, accountMap);
    if (!check.ok) {
      setErrors(check.errors);
      window.requestAnimationFrame(() => {
        formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      });
      return;
    }
    setErrors({});
    setSentRows(check.rows);
    post.mutate(check.params, {
      onSuccess: (entry) => {
        toast({ title: "Entry posted", description: `${entry.memo === "" ? "Journal entry" : entry.memo}, ${entry.lines.length} lines.`, variant: "success" });
        setDraft(blankDraft());
        setSentRows([]);
      },
    });
  };

  const currencyOf = (accountId: string): string => accountMap.get(accountId)?.currency ?? "";

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="entry-form-title" className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-[11rem_1fr]">
        <Field label="Date" error={errorAt("entryDate")}>
          {(control) => <Input {...control} type="date" value={draft.entryDate} onChange={(e) => change({ ...draft, entryDate: e.target.value })} required />}
        </Field>
        <Field label="Description" error={errorAt("memo")}>
          {(control) => <Input {...control} value={draft.memo} placeholder="e.g. Invoice 2026-014 paid" onChange={(e) => change({ ...draft, memo: e.target.value })} maxLength={500} />}
        </Field>
      </div>

      <div className="grid gap-2" role="group" aria-label="Lines">
        <div className="hidden grid-cols-[minmax(0,2fr)_8rem_8rem_minmax(0,1.3fr)_2.25rem] gap-2 px-0.5 text-xs font-medium text-muted-foreground uppercase sm:grid" aria-hidden="true">
          <span>Account</span>
          <span className="text-right">Debit</span>
          <span className="text-right">Credit</span>
          <span>Line memo</span>
          <span />
        </div>
        {draft.lines.map((line, index) => {
          const n = index + 1;
          const currency = currencyOf(line.accountId);
          return (
            <div key={line.key} className="grid items-start gap-2 rounded-md sm:grid-cols-[minmax(0,2fr)_8rem_8rem_minmax(0,1.3fr)_2.25rem]" data-line={n}>
              <Field label={`Line ${n} account`} labelClassName="sr-only" error={errorAt(`lines.${index}.accountId`)}>
                {(control) => (
                  <Select value={line.accountId} onValueChange={(accountId) => changeLine(index, { accountId })}>
                    <SelectTrigger {...control}>
                      <SelectValue placeholder="Choose an account" />
                    </SelectTrigger>
                    <SelectContent>
                      {accounts.map((account) => (
                        <SelectItem key={account.accountId} value={account.accountId}>
                          {`${account.code} ${account.name} (${account.currency})`}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </Field>
              <Field label={`Line ${n} debit${currency === "" ? "" : ` (${currency})`}`} labelClassName="sr-only" error={errorAt(`lines.${index}.debit`)}>
                {(control) => (
                  <Input {...control} inputMode="decimal" placeholder="0.00" className="text-right tabular-nums" value={line.debit} onChange={(e) => changeLine(index, { debit: e.target.value })} />
                )}
              </Field>
              <Field label={`Line ${n} credit${currency === "" ? "" : ` (${currency})`}`} labelClassName="sr-only" error={errorAt(`lines.${index}.credit`)}>
                {(control) => (
                  <Input {...control} inputMode="decimal" placeholder="0.00" className="text-right tabular-nums" value={line.credit} onChange={(e) => changeLine(index, { credit: e.target.value })} />
                )}
              </Field>
              <Field label={`Line ${n} memo`} labelClassName="sr-only" error={errorAt(`lines.${index}.memo`)}>
                {(control) => <Input {...control} placeholder="Optional" value={line.memo} onChange={(e) => changeLine(index, { memo: e.target.value })} maxLength={500} />}
              </Field>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove line ${n}`}
                disabled={draft.lines.length <= 2}
                onClick={() => change({ ...draft, lines: draft.lines.filter((_, i) => i !== index) })}
              >
                <Trash2 aria-hidden="true" />
              </Button>
            </div>
          );
        })}
        <div>
          <Button variant="outline" size="sm" onClick={() => change({ ...draft, lines: [...draft.lines, blankLine()] })}>
            <Plus aria-hidden="true" />
            Add line
          </Button>
        </div>
      </div>

      <BalanceStatus sums={sums} balanced={balanced} />

      {errors["lines"] === undefined ? null : (
        <div role="alert" data-error-kind="unbalanced" className="flex gap-2 rounded-lg border border-destructive/40 bg-destructive/5 p-3 text-sm">
          <TriangleAlert className="size-5 shrink-0 text-destructive" aria-hidden="true" />
          <div>
            <p className="font-semibold">Not sent: the entry is not valid</p>
            <p>{errors["lines"]}</p>
          </div>
        </div>
      )}
      {/* The server's refusal by its kind, also shown at the field it names. */}
      {post.error === null ? null : <ErrorNotice error={post.error} />}

      <div className="flex items-center justify-end gap-2">
        <Button variant="outline" onClick={() => change(blankDraft())}>
          Clear
        </Button>
        <Button type="submit" pending={post.isPending}>
          Post entry
        </Button>
      </div>
    </form>
  );
}

function BalanceStatus({ sums, balanced }: { sums: ReturnType<typeof balances>; balanced: boolean }): ReactNode {
  if (sums.length === 0) {
    return <p className="text-sm text-muted-foreground">Choose accounts and enter amounts; the totals show here as you type.</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" aria-live="polite" data-testid="entry-balance">
      {sums.map((sum) => {
        const even = sum.debit === sum.credit;
        return (
          <span key={sum.currency} className={cn("inline-flex items-center gap-2 rounded-md border px-3 py-1.5 tabular-nums", !even && "border-destructive/50")}>
            <span className="font-medium">{sum.currency}</span>
            Debits {formatCents(sum.debit)} · Credits {formatCents(sum.credit)}
            {even ? null : <span className="sr-only">{describeImbalance(sum)}</span>}
          </span>
        );
      })}
      {balanced ? (
        <Badge variant="success">
          <CircleCheck className="size-3.5" aria-hidden="true" />
          Balanced
        </Badge>
      ) : (
        <Badge variant="destructive">
          <TriangleAlert className="size-3.5" aria-hidden="true" />
          Not balanced
        </Badge>
      )}
    </div>
  );
}
