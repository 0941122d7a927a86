import type { Role } from "@sent/sdk";
import { UserPlus } from "lucide-react";
import type { FormEvent, ReactNode } from "react";

import { ErrorNotice } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useFormDialog, type FieldErrors } from "@/lib/form-dialog";
import { useOrganization } from "@/lib/organization";
import { hasRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/roles";

import { useAddMember } from "./queries";

interface Draft {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
}

const EMPTY: Draft = { userId: "", email: "", displayName: "", role: "member" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkMember(draft: Draft): FieldErrors<Draft> {
  const errors: FieldErrors<Draft> = {};
  if (!UUID.test(draft.userId.trim())) {
    errors.userId = "A user id looks like 0190a8e2-…; the person finds theirs in their account menu.";
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(draft.email.trim())) {
    errors.email = "An email address.";
  }
  if (draft.displayName.trim() === "") {
    errors.displayName = "The name shown for them.";
  }
  return errors;
}

/**
 * Add a person who has signed in to SENT at least once (so they have a user
 * id) to this organization, with a role, without an invitation: for when
 * they can hand over their user id but not receive a link. Only an owner may
 * add an owner.
 */
export function AddMemberDialog(): ReactNode {
  const { role: myRole, organizationName } = useOrganization();
  const add = useAddMember();
  const form = useFormDialog(EMPTY, checkMember, add);
  const { draft, update, errorAt } = form;
  const { toast } = useToast();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!form.validate()) return;
    add.mutate(
      { userId: draft.userId.trim(), email: draft.email.trim(), displayName: draft.displayName.trim(), role: draft.role },
      {
        onSuccess: (member) => {
          toast({ title: `${member.displayName} added`, description: `${ROLE_LABELS[member.role]} of ${organizationName}.`, variant: "success" });
          form.clear();
          form.setOpen(false);
        },
      },
    );
  };

  return (
    <Dialog open={form.open} onOpenChange={form.setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <UserPlus aria-hidden="true" />
          Add by user id
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a member</DialogTitle>
          <DialogDescription>
            Usually, invite them instead. To add them directly, they sign in to SENT once, then give you their user id (account menu → Copy my user id).
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <Field label="User id" error={errorAt("userId")}>
            {(control) => <Input {...control} value={draft.userId} onChange={(e) => update({ userId: e.target.value })} className="font-mono" autoFocus spellCheck={false} />}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Email" error={errorAt("email")}>
              {(control) => <Input {...control} type="email" value={draft.email} onChange={(e) => update({ email: e.target.value })} />}
            </Field>
            <Field label="Name" error={errorAt("displayName")}>
              {(control) => <Input {...control} value={draft.displayName} onChange={(e) => update({ displayName: e.target.value })} />}
            </Field>
          </div>
          <Field label="Role" hint={ROLE_DESCRIPTIONS[draft.role]} error={errorAt("role")}>
            {(control) => (
              <Select value={draft.role} onValueChange={(role) => update({ role: role as Role })}>
                <SelectTrigger {...control}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {ROLES.map((role) => (
                    <SelectItem key={role} value={role} disabled={role === "owner" && !hasRole(myRole, "owner")}>
                      {ROLE_LABELS[role]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          {form.formError !== null ? <ErrorNotice error={form.formError} /> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => form.setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={add.isPending}>
              Add member
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
