import type { Role } from "@sent/sdk";
import { UserPlus } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";

import { ErrorNotice } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { describeError } from "@/lib/errors";
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

export function checkMember(draft: Draft): Partial<Record<keyof Draft, string>> {
  const errors: Partial<Record<keyof Draft, string>> = {};
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
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const add = useAddMember();
  const { toast } = useToast();
  const serverError = add.error === null ? undefined : describeError(add.error);
  const serverField = serverError?.field !== undefined && serverError.field in EMPTY ? (serverError.field as keyof Draft) : undefined;
  const errorAt = (name: keyof Draft): string | undefined => errors[name] ?? (serverField === name ? serverError?.message : undefined);
  const update = (patch: Partial<Draft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    add.reset();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const found = checkMember(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      { userId: draft.userId.trim(), email: draft.email.trim(), displayName: draft.displayName.trim(), role: draft.role },
      {
        onSuccess: (member) => {
          toast({ title: `${member.displayName} added`, description: `${ROLE_LABELS[member.role]} of ${organizationName}.`, variant: "success" });
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
          add.reset();
          setErrors({});
        }
      }}
    >
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
          {add.error !== null && serverField === undefined ? <ErrorNotice error={add.error} /> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
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
