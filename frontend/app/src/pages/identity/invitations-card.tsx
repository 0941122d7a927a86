import type { Invitation, InvitationStatus } from "@sent/sdk";
import { MailX, Send } from "lucide-react";
import { useMemo, useState, type ReactNode } from "react";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState, ErrorNotice, TableSkeleton } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatDay } from "@/lib/dates";
import { ROLE_LABELS } from "@/lib/roles";

import { useInvitations, useMembers, useRevokeInvitation } from "./queries";

const STATUS: Readonly<Record<InvitationStatus, { label: string; variant: "default" | "success" | "secondary" | "outline" }>> = {
  pending: { label: "Pending", variant: "default" },
  accepted: { label: "Accepted", variant: "success" },
  revoked: { label: "Revoked", variant: "secondary" },
  expired: { label: "Expired", variant: "outline" },
};

function day(timestamp: string): string {
  return formatDay(timestamp.slice(0, 10));
}

/** The organization's invitations, newest first, for its admins. */
export function InvitationsCard(): ReactNode {
  const invitations = useInvitations();
  const members = useMembers();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const items = useMemo(() => invitations.data?.pages.flatMap((page) => page.items) ?? [], [invitations.data]);
  const names = useMemo(() => new Map((members.data ?? []).map((member) => [member.userId, member.displayName])), [members.data]);

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle id="invitations-title">Invitations</CardTitle>
          <CardDescription>Each link works once, only for the person signed in with its address, until it expires or is revoked.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-3">
        {invitations.isPending ? (
          <TableSkeleton label="Loading the invitations…" rows={2} columns={5} />
        ) : invitations.data === undefined ? (
          <ErrorNotice error={invitations.error} onRetry={() => void invitations.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={<Send />} title="No invitations yet" description="Invite people by email: each gets a link to join with the role you choose." />
        ) : (
          <>
            <Table aria-labelledby="invitations-title">
              <TableHeader>
                <TableRow>
                  <TableHead>Email</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Invited by</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead className="text-right">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((invitation) => {
                  const status = STATUS[invitation.status];
                  return (
                    <TableRow key={invitation.invitationId}>
                      <TableCell className="font-medium">{invitation.email}</TableCell>
                      <TableCell>{ROLE_LABELS[invitation.role]}</TableCell>
                      <TableCell>
                        <Badge variant={status.variant} data-status={invitation.status}>
                          {status.label}
                        </Badge>
                      </TableCell>
                      <TableCell className="text-muted-foreground">
                        {names.get(invitation.invitedBy) ?? "A former member"}
                        <span className="block text-xs">{day(invitation.createdAt)}</span>
                      </TableCell>
                      <TableCell className="text-muted-foreground">{invitation.status === "pending" ? day(invitation.expiresAt) : "—"}</TableCell>
                      <TableCell className="text-right">
                        {invitation.status === "pending" ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            onClick={() => setRevoking(invitation)}
                            aria-label={`Revoke the invitation for ${invitation.email}`}
                          >
                            <MailX aria-hidden="true" />
                            Revoke
                          </Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            {invitations.hasNextPage ? (
              <div className="flex justify-center">
                <Button variant="outline" pending={invitations.isFetchingNextPage} onClick={() => void invitations.fetchNextPage()}>
                  Load older invitations
                </Button>
              </div>
            ) : null}
            {invitations.isFetchNextPageError ? <ErrorNotice error={invitations.error} onRetry={() => void invitations.fetchNextPage()} /> : null}
          </>
        )}
      </CardContent>
      <RevokeDialog invitation={revoking} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function RevokeDialog({ invitation, onClose }: { invitation: Invitation | null; onClose: () => void }): ReactNode {
  const revoke = useRevokeInvitation();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      open={invitation !== null}
      onClose={onClose}
      title={<>Revoke the invitation for {invitation?.email}?</>}
      description="Its link stops working at once. You can invite the same address again afterwards."
      action="Revoke"
      attempt={revoke}
      onConfirm={() => {
        if (invitation === null) return;
        revoke.mutate(
          { invitationId: invitation.invitationId, version: invitation.version },
          {
            onSuccess: () => {
              toast({ title: "Invitation revoked", description: invitation.email, variant: "success" });
              onClose();
            },
          },
        );
      }}
    />
  );
}
