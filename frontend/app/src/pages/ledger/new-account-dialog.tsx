import type { AccountKind } from "@sent/sdk";
import { Plus } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";

import { ErrorNotice } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { describeError } from "@/lib/errors";

import { KIND_LABELS, KIND_ORDER } from "./chart-data";
import { useCreateAccount } from "./queries";

interface Draft {
  code: string;
  name: string;
  kind: AccountKind | "";
  currency: string;
}

const EMPTY: Draft = { code: "", name: "", kind: "", currency: "EUR" };

/** The checks the server makes, made before sending so mistakes show at once. */
export function checkAccount(draft: Draft): Partial<Record<keyof Draft, string>> {
  const errors: Partial<Record<keyof Draft, string>> = {};
  if (!/^[A-Za-z0-9.-]{1,20}$/.test(draft.code)) {
    errors.code = "1 to 20 letters, digits, '.' or '-'.";
  }
  if (draft.name.trim() === "") {
    errors.name = "Give the account a name.";
  }
  if (draft.kind === "") {
    errors.kind = "Choose what the account records.";
  }
  if (!/^[A-Z]{3}$/.test(draft.currency)) {
    errors.currency = "An ISO 4217 code such as EUR.";
  }
  return errors;
}

export function NewAccountDialog(): ReactNode {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const create = useCreateAccount();
  const { toast } = useToast();

  // A server error about one field (a duplicate code is a conflict on
  // `code`) is shown at that field; any other error above the buttons.
  const serverError = create.error === null ? undefined : describeError(create.error);
  const serverField = serverError?.field !== undefined && serverError.field in EMPTY ? (serverError.field as keyof Draft) : undefined;
  const fieldError = (name: keyof Draft): string | undefined => errors[name] ?? (serverField === name ? serverError?.message : undefined);

  const update = (patch: Partial<Draft>): void => {
    setDraft((current) => ({ ...current, ...patch }));
    create.reset();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const found = checkAccount(draft);
    setErrors(found);
    if (Object.keys(found).length > 0 || draft.kind === "") {
      return;
    }
    create.mutate(
      { code: draft.code, name: draft.name.trim(), kind: draft.kind, currency: draft.currency },
      {
        onSuccess: (account) => {
          toast({ title: `Account ${account.code} created`, description: account.name, variant: "success" });
          setDraft(EMPTY);
          setOpen(false);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          create.reset();
          setErrors({});
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden="true" />
          New account
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New account</DialogTitle>
          <DialogDescription>An account of the chart. Its currency cannot change later.</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <div className="grid grid-cols-[8rem_1fr] gap-3">
            <Field label="Code" error={fieldError("code")}>
              {(control) => <Input {...control} value={draft.code} onChange={(e) => update({ code: e.target.value.trim() })} maxLength={20} autoFocus className="font-mono" />}
            </Field>
            <Field label="Name" error={fieldError("name")}>
              {(control) => <Input {...control} value={draft.name} onChange={(e) => update({ name: e.target.value })} />}
            </Field>
          </div>
          <div className="grid grid-cols-[1fr_8rem] gap-3">
            <Field label="Kind" error={fieldError("kind")}>
              {(control) => (
                <Select value={draft.kind} onValueChange={(kind) => update({ kind: kind as AccountKind })}>
                  <SelectTrigger {...control}>
                    <SelectValue placeholder="Choose a kind" />
                  </SelectTrigger>
                  <SelectContent>
                    {KIND_ORDER.map((kind) => (
                      <SelectItem key={kind} value={kind}>
                        {KIND_LABELS[kind]}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </Field>
            <Field label="Currency" error={fieldError("currency")}>
              {(control) => (
                <Input {...control} value={draft.currency} onChange={(e) => update({ currency: e.target.value.toUpperCase() })} maxLength={3} className="font-mono uppercase" />
              )}
            </Field>
          </div>
          {create.error !== null && serverField === undefined ? <ErrorNotice error={create.error} /> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={create.isPending}>
              Create account
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
