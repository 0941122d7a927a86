/**
 * Members and roles of the call's organization, through the generated SDK.
 * Keys start with `["identity", organizationId]`; a change to the members
 * also refreshes `identity.me` (the person's own role may have changed).
 */

import type { AddMember, Member, Organization, Page_Serialize, RemoveMember, RemovedMember, UpdateMemberRole, UpdateOrganization } from "@sent/sdk";
import { useMutation, useQuery, useQueryClient, type UseMutationResult, type UseQueryResult } from "@tanstack/react-query";

import { meKey } from "@/lib/me";
import { useOrganization } from "@/lib/organization";
import { useSent } from "@/lib/sdk";

export const identityKeys = {
  all: (org: string) => ["identity", org] as const,
  members: (org: string) => ["identity", org, "members"] as const,
  organization: (org: string) => ["identity", org, "organization"] as const,
};

/** Every member (every page), ordered by email. */
export function useMembers(): UseQueryResult<Member[]> {
  const sent = useSent();
  const { organizationId } = useOrganization();
  return useQuery({
    queryKey: identityKeys.members(organizationId),
    queryFn: async ({ signal }) => {
      const members: Member[] = [];
      let cursor: string | null = null;
      do {
        const page: Page_Serialize<Member> = await sent.identity.listMembers({ cursor, limit: 200 }, { organization: organizationId, signal });
        members.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return members;
    },
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
