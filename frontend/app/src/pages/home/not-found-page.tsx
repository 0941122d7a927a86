import { Compass } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";

import { EmptyState } from "@/components/states";
import { Button } from "@/components/ui/button";

export function NotFoundPage(): ReactNode {
  return (
    <EmptyState
      icon={<Compass />}
      title="There is no page here"
      description="The address may be mistyped, or the page has moved."
      action={
        <Button asChild variant="outline">
          <Link to="/">Go to the start page</Link>
        </Button>
      }
    />
  );
}
