import type { AccountKind } from "@sent/sdk";
import { Plus } from "lucide-react";
import type { FormEvent, ReactNode } from "react";

import { ErrorNotice } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useFormDialog, type FieldErrors } from "@/lib/form-dialog";

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
export function checkAccount(draft: Draft): FieldErrors<Draft> {
  const errors: FieldErrors<Draft> = {};
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
  const create = useCreateAccount();
  // A duplicate code is a conflict on `code`: shown at that field.
  const form = useFormDialog(EMPTY, checkAccount, create);
  const { draft, update, errorAt: fieldError } = form;
  const { toast } = useToast();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!form.validate() || draft.kind === "") {
      return;
    }
    create.mutate(
      { code: draft.code, name: draft.name.trim(), kind: draft.kind, currency: draft.currency },
      {
        onSuccess: (account) => {
          toast({ title: `Account ${account.code} created`, description: account.name, variant: "success" });
          form.clear();
          form.setOpen(false);
        },
      },
    );
  };

  return (
    <Dialog open={form.open} onOpenChange={form.setOpen}>
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
          {form.formError !== null ? <ErrorNotice error={form.formError} /> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => form.setOpen(false)}>
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
