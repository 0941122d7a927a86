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
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from "@tanstack/react-query";

import { meKey } from "@/lib/me";
import { useOrganization } from "@/lib/organization";
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
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useQuery({
    queryKey: identityKeys.members(organizationId),
    queryFn: ({ signal }) =>
      everyPage((cursor, limit) => sent.identity.listMembers({ cursor, limit }, { organization: organizationId, signal })),
  });
}

export function useOrganizationDetails(): UseQueryResult<Organization> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useQuery({
    queryKey: identityKeys.organization(organizationId),
    queryFn: ({ signal }) => sent.identity.getOrganization({ organization: organizationId, signal }),
  });
}

function useInvalidate(): () => Promise<void> {
  const queryClient = useQueryClient();
  const { organizationId } = useOrganization();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: identityKeys.all(organizationId) }),
      queryClient.invalidateQueries({ queryKey: meKey }),
    ]);
  };
}

export function useAddMember(): UseMutationResult<Member, Error, AddMember> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (params: AddMember) => sent.identity.addMember(params, { organization: organizationId }), onSuccess: invalidate });
}

export function useUpdateMemberRole(): UseMutationResult<Member, Error, UpdateMemberRole> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (params: UpdateMemberRole) => sent.identity.updateMemberRole(params, { organization: organizationId }),
    onSuccess: invalidate,
  });
}

export function useRemoveMember(): UseMutationResult<RemovedMember, Error, RemoveMember> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (params: RemoveMember) => sent.identity.removeMember(params, { organization: organizationId }),
    onSuccess: invalidate,
  });
}

export function useRenameOrganization(): UseMutationResult<Organization, Error, UpdateOrganization> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (params: UpdateOrganization) => sent.identity.updateOrganization(params, { organization: organizationId }),
    onSuccess: invalidate,
  });
}

export const INVITATIONS_PAGE = 20;

/** Invitations, newest first, a page at a time (they pile up over the years). */
export function useInvitations(): UseInfiniteQueryResult<InfiniteData<Page_Serialize<Invitation>, string | null>> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useInfiniteQuery({
    queryKey: identityKeys.invitations(organizationId),
    queryFn: ({ pageParam, signal }) => sent.identity.listInvitations({ cursor: pageParam, limit: INVITATIONS_PAGE }, { organization: organizationId, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The answer carries the invitation's secret: the dialog shows it once and forgets it. */
export function useInviteMember(): UseMutationResult<IssuedInvitation, Error, InviteMember_Deserialize> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (params: InviteMember_Deserialize) => sent.identity.inviteMember(params, { organization: organizationId }),
    // Not awaited: the link is shown at once, while the list catches up.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: identityKeys.invitations(organizationId) }),
  });
}

export function useRevokeInvitation(): UseMutationResult<Invitation, Error, RevokeInvitation> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (params: RevokeInvitation) => sent.identity.revokeInvitation(params, { organization: organizationId }),
    // A refusal (accepted meanwhile, or revoked by someone else) also means
    // the list is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: identityKeys.invitations(organizationId) }),
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
