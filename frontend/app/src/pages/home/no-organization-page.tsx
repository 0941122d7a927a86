import { Building2, Plus } from "lucide-react";
import { useState, type ReactNode } from "react";

import { CreateOrganizationDialog } from "@/components/create-organization-dialog";
import { EmptyState, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";

/** A signed-in person who belongs to no organization yet. */
export function NoOrganizationPage(): ReactNode {
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="Welcome" />
      <EmptyState
        icon={<Building2 />}
        title="You do not belong to any organization yet"
        description="Create one to start its books, or ask an admin of an existing one to invite you: open the link they send you."
        action={
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" />
            New organization
          </Button>
        }
      />
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
