import type { IssuedInvitation, Role } from "@sent/sdk";
import { Check, Copy, KeyRound, Send } from "lucide-react";
import { useRef, useState, type FormEvent, type ReactNode } from "react";

import { ErrorNotice } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { formatDay } from "@/lib/dates";
import { useFormDialog, type FieldErrors } from "@/lib/form-dialog";
import { useOrganization } from "@/lib/organization";
import { hasRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/roles";

import { invitationLink } from "./invitation-link";
import { useInviteMember } from "./queries";

interface Draft {
  email: string;
  role: Role;
  validDays: string;
}

/** The server's bounds for `validDays`. */
export const MIN_VALID_DAYS = 1;
export const MAX_VALID_DAYS = 30;
const EMPTY: Draft = { email: "", role: "member", validDays: "7" };

export function checkInvitation(draft: Draft): FieldErrors<Draft> {
  const errors: FieldErrors<Draft> = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(draft.email.trim())) {
    errors.email = "The invitee's email address: they accept by signing in with it.";
  }
  const days = Number(draft.validDays.trim());
  if (draft.validDays.trim() === "" || !Number.isInteger(days) || days < MIN_VALID_DAYS || days > MAX_VALID_DAYS) {
    errors.validDays = `A whole number of days, ${MIN_VALID_DAYS} to ${MAX_VALID_DAYS}.`;
  }
  return errors;
}

/** The roles a person may invite with: ownership only comes from an owner. */
export function invitableRoles(myRole: Role): readonly Role[] {
  return ROLES.filter((role) => role !== "owner" || hasRole(myRole, "owner"));
}

/**
 * Invite an email address into this organization with a role. The answer's
 * link carries the invitation's secret, which SENT keeps only as a hash: it
 * is shown here once, and forgotten when the dialog closes.
 */
export function InviteMemberDialog(): ReactNode {
  const { role: myRole } = useOrganization();
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const invite = useInviteMember();
  // The secret goes with the dialog: nothing can show it again.
  const form = useFormDialog(EMPTY, checkInvitation, invite, () => setIssued(null));
  const { draft, update, errorAt } = form;
  const roles = invitableRoles(myRole);
  const close = (): void => form.setOpen(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!form.validate()) return;
    invite.mutate(
      { email: draft.email.trim(), role: draft.role, validDays: Number(draft.validDays.trim()) },
      {
        onSuccess: (answer) => {
          setIssued(answer);
          form.clear();
          // The answer is in `issued` now; the mutation need not hold the secret too.
          invite.reset();
        },
      },
    );
  };

  return (
    <Dialog open={form.open} onOpenChange={form.setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Send aria-hidden="true" />
          Invite member
        </Button>
      </DialogTrigger>
      <DialogContent
        // A stray click outside must not throw away a link that cannot be shown again.
        onInteractOutside={(event) => {
          if (issued !== null) event.preventDefault();
        }}
      >
        {issued === null ? (
          <>
            <DialogHeader>
              <DialogTitle>Invite a member</DialogTitle>
              <DialogDescription>You get a link to send them. They join by opening it and signing in with this address.</DialogDescription>
            </DialogHeader>
            <form className="grid gap-4" onSubmit={submit} noValidate>
              <Field label="Email" error={errorAt("email")}>
                {(control) => (
                  <Input {...control} type="email" value={draft.email} onChange={(e) => update({ email: e.target.value })} autoComplete="off" autoFocus spellCheck={false} />
                )}
              </Field>
              <div className="grid gap-3 sm:grid-cols-[1fr_9rem]">
                <Field label="Role" hint={ROLE_DESCRIPTIONS[draft.role]} error={errorAt("role")}>
                  {(control) => (
                    <Select value={draft.role} onValueChange={(role) => update({ role: role as Role })}>
                      <SelectTrigger {...control}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {roles.map((role) => (
                          <SelectItem key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                </Field>
                <Field label="Valid for (days)" hint={`${MIN_VALID_DAYS} to ${MAX_VALID_DAYS}.`} error={errorAt("validDays")}>
                  {(control) => (
                    <Input
                      {...control}
                      type="number"
                      inputMode="numeric"
                      min={MIN_VALID_DAYS}
                      max={MAX_VALID_DAYS}
                      step={1}
                      value={draft.validDays}
                      onChange={(e) => update({ validDays: e.target.value })}
                    />
                  )}
                </Field>
              </div>
              {form.formError !== null ? <ErrorNotice error={form.formError} /> : null}
              <DialogFooter>
                <Button variant="outline" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" pending={invite.isPending}>
                  Create invitation
                </Button>
              </DialogFooter>
            </form>
          </>
        ) : (
          <IssuedLink issued={issued} onDone={close} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function IssuedLink({ issued, onDone }: { issued: IssuedInvitation; onDone: () => void }): ReactNode {
  const { organizationName } = useOrganization();
  const { toast } = useToast();
  const [copied, setCopied] = useState(false);
  const linkInput = useRef<HTMLInputElement>(null);
  const link = invitationLink(issued.token);
  const { invitation } = issued;

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      toast({ title: "Invitation link copied", variant: "success" });
    } catch {
      // No clipboard (a page served over plain HTTP has none): leave the link selected to copy by hand.
      linkInput.current?.select();
      toast({ title: "Copy failed", description: "The link is selected: copy it with Ctrl+C (⌘C on a Mac)." });
    }
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>Invitation created</DialogTitle>
        <DialogDescription>
          Send this link to {invitation.email}. Signed in with that address, they join {organizationName} as {ROLE_LABELS[invitation.role].toLowerCase()}; the
          link works until {formatDay(invitation.expiresAt.slice(0, 10))}.
        </DialogDescription>
      </DialogHeader>
      <Field label="Invitation link">
        {(control) => (
          <div className="flex gap-2">
            <Input {...control} ref={linkInput} value={link} readOnly className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
            <Button variant="outline" onClick={() => void copy()}>
              {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
              {copied ? "Copied" : "Copy link"}
            </Button>
          </div>
        )}
      </Field>
      <div role="note" className="flex gap-3 rounded-lg border border-warning/50 bg-warning/10 p-3 text-sm [&_svg]:size-5 [&_svg]:shrink-0">
        <KeyRound aria-hidden="true" />
        <p>
          <strong>Shown once.</strong> SENT keeps only a fingerprint of this link and cannot show it again. Copy it now; if it gets lost, revoke the invitation and
          invite again.
        </p>
      </div>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </>
  );
}
