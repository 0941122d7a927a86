import type { Membership } from "@sent/sdk";
import { Building2, ChevronsUpDown, Plus } from "lucide-react";
import { useState, type ReactNode } from "react";
import { useNavigate } from "react-router";

import { orgPath } from "@/lib/organization";
import { ROLE_LABELS } from "@/lib/roles";

import { CreateOrganizationDialog } from "./create-organization-dialog";
import { Button } from "./ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";

/**
 * The organizations the person belongs to; picking one opens the same app
 * in it. Only organizations from `identity.me` are listed: the server would
 * refuse any other anyway.
 */
export function OrgSwitcher({
  memberships,
  currentId,
  appId,
}: {
  memberships: readonly Membership[];
  currentId: string | undefined;
  appId: string | undefined;
}): ReactNode {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const current = memberships.find((m) => m.organizationId === currentId);
  const sorted = [...memberships].sort((a, b) => a.organizationName.localeCompare(b.organizationName));
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" className="max-w-64 justify-between" aria-label={`Organization: ${current?.organizationName ?? "none"}. Switch organization`}>
            <Building2 aria-hidden="true" />
            <span className="truncate">{current?.organizationName ?? "Choose an organization"}</span>
            <ChevronsUpDown className="opacity-60" aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Organizations</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={currentId ?? ""} onValueChange={(id) => void navigate(orgPath(id, appId ?? ""))}>
            {sorted.map((m) => (
              <DropdownMenuRadioItem key={m.organizationId} value={m.organizationId}>
                <span className="flex-1 truncate">{m.organizationName}</span>
                <span className="text-xs text-muted-foreground">{ROLE_LABELS[m.role]}</span>
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden="true" />
            New organization…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
