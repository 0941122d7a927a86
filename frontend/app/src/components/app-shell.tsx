import type { Me_Serialize } from "@sent/sdk";
import type { ReactNode } from "react";
import { NavLink } from "react-router";

import { apps } from "@/apps";
import { orgPath } from "@/lib/organization";
import { hasRole } from "@/lib/roles";
import { cn } from "@/lib/utils";

import { OrgSwitcher } from "./org-switcher";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

/** The frame of every signed-in page: organization, apps, theme, account. */
export function AppShell({
  me,
  organizationId,
  appId,
  children,
}: {
  me: Me_Serialize;
  organizationId: string | undefined;
  appId: string | undefined;
  children: ReactNode;
}): ReactNode {
  const membership = me.memberships.find((m) => m.organizationId === organizationId);
  const visible = membership === undefined ? [] : apps.filter((app) => hasRole(membership.role, app.role));
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[200] focus:rounded-md focus:bg-primary focus:px-3 focus:py-2 focus:text-primary-foreground"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4">
          <span className="flex items-center gap-2 font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" className="size-6" />
            SENT
          </span>
          <OrgSwitcher memberships={me.memberships} currentId={organizationId} appId={appId} />
          <nav aria-label="Apps" className="ml-2 hidden items-center gap-1 md:flex">
            {visible.map((app) => (
              <NavLink
                key={app.id}
                to={orgPath(organizationId ?? "", app.id)}
                className={({ isActive }) =>
                  cn(
                    "inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground [&_svg]:size-4",
                    isActive && "bg-accent text-accent-foreground",
                  )
                }
              >
                <app.icon aria-hidden="true" />
                {app.title}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <ThemeToggle />
            <UserMenu me={me} />
          </div>
        </div>
        {visible.length > 0 ? (
          <nav aria-label="Apps" className="flex gap-1 overflow-x-auto border-t px-4 py-1 md:hidden">
            {visible.map((app) => (
              <NavLink
                key={app.id}
                to={orgPath(organizationId ?? "", app.id)}
                className={({ isActive }) => cn("rounded-md px-3 py-1.5 text-sm text-muted-foreground", isActive && "bg-accent text-accent-foreground")}
              >
                {app.title}
              </NavLink>
            ))}
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto grid max-w-7xl gap-6 px-4 py-6 outline-none">
        {children}
      </main>
    </div>
  );
}
