import type { Member, Role } from "@sent/sdk";
import { UserMinus, Users } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState, ErrorNotice, PageHeader, TableSkeleton } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatDay } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { useSignedIn } from "@/lib/me";
import { useOrganization } from "@/lib/organization";
import { hasRole, ROLE_LABELS, ROLES } from "@/lib/roles";

import { AddMemberDialog } from "./add-member-dialog";
import { InvitationsCard } from "./invitations-card";
import { InviteMemberDialog } from "./invite-member-dialog";
import { useMembers, useOrganizationDetails, useRemoveMember, useRenameOrganization, useUpdateMemberRole } from "./queries";

export function MembersPage(): ReactNode {
  const { organizationName, role } = useOrganization();
  const canManage = hasRole(role, "admin");
  return (
    <>
      <PageHeader
        title="Members"
        description={`Who belongs to ${organizationName}, and what each may do.`}
        actions={
          canManage ? (
            <>
              <InviteMemberDialog />
              <AddMemberDialog />
            </>
          ) : undefined
        }
      />
      <MembersCard canManage={canManage} />
      {canManage ? <InvitationsCard /> : null}
      <OrganizationCard canRename={canManage} />
    </>
  );
}

function MembersCard({ canManage }: { canManage: boolean }): ReactNode {
  const members = useMembers();
  const me = useSignedIn();
  const { role: myRole } = useOrganization();
  const [removing, setRemoving] = useState<Member | null>(null);
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle id="members-title">People</CardTitle>
          <CardDescription>Only an owner may grant or take away ownership; the last owner stays an owner.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {members.isPending ? (
          <TableSkeleton label="Loading the members…" rows={3} columns={4} />
        ) : members.isError ? (
          <ErrorNotice error={members.error} onRetry={() => void members.refetch()} />
        ) : members.data.length === 0 ? (
          <EmptyState icon={<Users />} title="No members" description="Invite the people who work in this organization." />
        ) : (
          <Table aria-labelledby="members-title">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Member since</TableHead>
                {canManage ? <TableHead className="text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.data.map((member) => {
                const isMe = member.userId === me.userId;
                // Admins manage members below owner; only owners touch owners.
                const editable = canManage && (member.role !== "owner" || hasRole(myRole, "owner"));
                return (
                  <TableRow key={member.userId}>
                    <TableCell className="font-medium">
                      {member.displayName}
                      {isMe ? (
                        <Badge variant="outline" className="ml-2">
                          You
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell className="text-muted-foreground">{member.email}</TableCell>
                    <TableCell>{editable ? <RoleSelect member={member} /> : <Badge variant="secondary">{ROLE_LABELS[member.role]}</Badge>}</TableCell>
                    <TableCell className="text-muted-foreground">{formatDay(member.createdAt.slice(0, 10))}</TableCell>
                    {canManage ? (
                      <TableCell className="text-right">
                        <Button variant="ghost" size="sm" disabled={!editable} onClick={() => setRemoving(member)} aria-label={`Remove ${member.displayName}`}>
                          <UserMinus aria-hidden="true" />
                          Remove
                        </Button>
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
      <RemoveDialog member={removing} onClose={() => setRemoving(null)} />
    </Card>
  );
}

function RoleSelect({ member }: { member: Member }): ReactNode {
  const update = useUpdateMemberRole();
  const { role: myRole } = useOrganization();
  const { toast } = useToast();
  return (
    <Select
      value={member.role}
      disabled={update.isPending}
      onValueChange={(role) =>
        update.mutate(
          { userId: member.userId, role: role as Role, version: member.version },
          {
            onSuccess: (changed) => toast({ title: `${changed.displayName} is now ${ROLE_LABELS[changed.role].toLowerCase()}`, variant: "success" }),
            onError: (error) => {
              const view = describeError(error);
              toast({ title: view.title, description: `${view.message} ${view.advice}`, variant: "destructive" });
            },
          },
        )
      }
    >
      <SelectTrigger className="h-8 w-32" aria-label={`Role of ${member.displayName}`}>
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
  );
}

function RemoveDialog({ member, onClose }: { member: Member | null; onClose: () => void }): ReactNode {
  const remove = useRemoveMember();
  const { organizationName } = useOrganization();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      open={member !== null}
      onClose={onClose}
      title={<>Remove {member?.displayName}?</>}
      description={<>They lose access to {organizationName} at once. What they posted stays in the books and the audit trail.</>}
      action="Remove"
      attempt={remove}
      onConfirm={() => {
        if (member === null) return;
        remove.mutate(
          { userId: member.userId, version: member.version },
          {
            onSuccess: () => {
              toast({ title: `${member.displayName} removed`, variant: "success" });
              onClose();
            },
          },
        );
      }}
    />
  );
}

function OrganizationCard({ canRename }: { canRename: boolean }): ReactNode {
  const details = useOrganizationDetails();
  const rename = useRenameOrganization();
  const { toast } = useToast();
  const [name, setName] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string>();
  const serverError = rename.error === null ? undefined : describeError(rename.error);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (details.data === undefined || name === null) return;
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 200) {
      setNameError("A name is 1 to 200 characters.");
      return;
    }
    setNameError(undefined);
    rename.mutate(
      { name: trimmed, version: details.data.version },
      {
        onSuccess: (organization) => {
          toast({ title: "Organization renamed", description: organization.name, variant: "success" });
          setName(null);
        },
      },
    );
  };

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Organization</CardTitle>
          <CardDescription>Its data is kept apart from every other organization's, in the application and in the database.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {details.isPending ? (
          <TableSkeleton label="Loading the organization…" rows={1} columns={2} />
        ) : details.isError ? (
          <ErrorNotice error={details.error} onRetry={() => void details.refetch()} />
        ) : (
          <form className="flex flex-wrap items-end gap-3" onSubmit={submit} noValidate>
            <Field label="Name" className="w-full max-w-sm" error={nameError ?? (serverError?.field === "name" ? serverError.message : undefined)}>
              {(control) => <Input {...control} value={name ?? details.data.name} readOnly={!canRename} onChange={(e) => setName(e.target.value)} />}
            </Field>
            {canRename ? (
              <Button type="submit" variant="outline" disabled={name === null || name.trim() === details.data.name} pending={rename.isPending}>
                Rename
              </Button>
            ) : null}
            <p className="w-full text-xs text-muted-foreground">Created {formatDay(details.data.createdAt.slice(0, 10))}.</p>
            {rename.error !== null && serverError?.field !== "name" ? <ErrorNotice error={rename.error} className="w-full" /> : null}
          </form>
        )}
      </CardContent>
    </Card>
  );
}
