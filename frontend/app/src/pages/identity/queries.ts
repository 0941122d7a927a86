/**
 * Members, roles and invitations of the call's organization, through the
 * generated SDK. Keys start with `["identity", organizationId]`; a change to
 * the members also refreshes `identity.me` (the person's own role may have
 * changed).
 */

import type {
  AddMember,
  Invitation,
  InviteMember_Deserialize,
  IssuedInvitation,
  Member,
  Membership,
  Organization,
  Page_Serialize,
  RemoveMember,
  RemovedMember,
  RevokeInvitation,
  UpdateMemberRole,
  UpdateOrganization,
} from "@sent/sdk";
import {
  useMutation,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from "@tanstack/react-query";

import { meKey } from "@/lib/me";
import { useOrganizationMutation, useOrganizationPages, useOrganizationQuery, type Refresh } from "@/lib/organization-calls";
import { everyPage } from "@/lib/pages";
import { useSent } from "@/lib/sdk";

export const identityKeys = {
  all: (org: string) => ["identity", org] as const,
  members: (org: string) => ["identity", org, "members"] as const,
  organization: (org: string) => ["identity", org, "organization"] as const,
  invitations: (org: string) => ["identity", org, "invitations"] as const,
};

/** Every member (every page), ordered by email. */
export function useMembers(): UseQueryResult<Member[]> {
  return useOrganizationQuery(identityKeys.members, (sent, _, options) =>
    everyPage((cursor, limit) => sent.identity.listMembers({ cursor, limit }, options)),
  );
}

export function useOrganizationDetails(): UseQueryResult<Organization> {
  return useOrganizationQuery(identityKeys.organization, (sent, _, options) => sent.identity.getOrganization(options));
}

/** A change to the members or the organization: everything of it, and the person's own memberships. */
const MEMBERS_CHANGED: Refresh = { keys: (org) => [identityKeys.all(org), meKey] };

export function useAddMember(): UseMutationResult<Member, Error, AddMember> {
  return useOrganizationMutation((sent, params: AddMember, options) => sent.identity.addMember(params, options), MEMBERS_CHANGED);
}

export function useUpdateMemberRole(): UseMutationResult<Member, Error, UpdateMemberRole> {
  return useOrganizationMutation((sent, params: UpdateMemberRole, options) => sent.identity.updateMemberRole(params, options), MEMBERS_CHANGED);
}

export function useRemoveMember(): UseMutationResult<RemovedMember, Error, RemoveMember> {
  return useOrganizationMutation((sent, params: RemoveMember, options) => sent.identity.removeMember(params, options), MEMBERS_CHANGED);
}

export function useRenameOrganization(): UseMutationResult<Organization, Error, UpdateOrganization> {
  return useOrganizationMutation((sent, params: UpdateOrganization, options) => sent.identity.updateOrganization(params, options), MEMBERS_CHANGED);
}

export const INVITATIONS_PAGE = 20;

/** Invitations, newest first, a page at a time (they pile up over the years). */
export function useInvitations(): UseInfiniteQueryResult<InfiniteData<Page_Serialize<Invitation>, string | null>> {
  return useOrganizationPages(identityKeys.invitations, (sent, cursor, options) =>
    sent.identity.listInvitations({ cursor, limit: INVITATIONS_PAGE }, options),
  );
}

/** The answer carries the invitation's secret: the dialog shows it once and forgets it. */
export function useInviteMember(): UseMutationResult<IssuedInvitation, Error, InviteMember_Deserialize> {
  return useOrganizationMutation((sent, params: InviteMember_Deserialize, options) => sent.identity.inviteMember(params, options), {
    keys: (org) => [identityKeys.invitations(org)],
    // The link is shown at once, while the list catches up.
    when: "background",
  });
}

export function useRevokeInvitation(): UseMutationResult<Invitation, Error, RevokeInvitation> {
  return useOrganizationMutation((sent, params: RevokeInvitation, options) => sent.identity.revokeInvitation(params, options), {
    keys: (org) => [identityKeys.invitations(org)],
    // A refusal (accepted meanwhile, or revoked by someone else) also means
    // the list is out of date.
    when: "settled",
  });
}

/**
 * Join the organization an invitation is for. Outside any organization:
 * the secret names it. Once joined, `identity.me` is read again, so the new
 * membership is known before its pages open.
 */
export function useAcceptInvitation(): UseMutationResult<Membership, Error, string> {
  const sent = useSent();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => sent.identity.acceptInvitation({ token }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
