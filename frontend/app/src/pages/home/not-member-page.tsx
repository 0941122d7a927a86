import { ShieldAlert } from "lucide-react";
import type { ReactNode } from "react";

import { EmptyState } from "@/components/states";

/** An organization URL of an organization the person does not belong to. */
export function NotMemberPage(): ReactNode {
  return (
    <EmptyState
      icon={<ShieldAlert />}
      title="You are not a member of this organization"
      description="Its data is visible only to its members. Pick one of your organizations in the switcher above."
    />
  );
}
