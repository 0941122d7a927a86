import type { ReactNode } from "react";
import { NavLink, Outlet } from "react-router";

import { PageHeader } from "@/components/states";
import { orgPath, useOrganization } from "@/lib/organization";
import { cn } from "@/lib/utils";

const sections = [
  { to: "", label: "Overview", end: true },
  { to: "accounts", label: "Accounts", end: false },
  { to: "journal", label: "Journal", end: false },
] as const;

export function LedgerLayout(): ReactNode {
  const { organizationId, organizationName } = useOrganization();
  return (
    <>
      <PageHeader title="Ledger" description={`The books of ${organizationName}: chart of accounts, journal and balances.`} />
      <nav aria-label="Ledger sections" className="-mt-2 flex gap-1 border-b">
        {sections.map((section) => (
          <NavLink
            key={section.label}
            to={orgPath(organizationId, section.to === "" ? "ledger" : `ledger/${section.to}`)}
            end={section.end}
            className={({ isActive }) =>
              cn(
                "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground",
                isActive && "border-primary text-foreground",
              )
            }
          >
            {section.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
