/**
 * The page tree. Whatever the URL, nobody signed in sees the sign-in page
 * (and comes back to that URL after signing in). Signed in:
 *
 * - `/`: the organization last worked in (or the first), or, with none, a
 *   page to create one;
 * - `/orgs/<id>/<app>/...`: an app's pages in that organization; the apps
 *   come from `src/pages/<app>/app.tsx` (see `apps.ts`);
 * - `/invitations/accept#token=...`: joining an organization by invitation
 *   (no organization yet, so outside `/orgs`).
 */

import { ShieldAlert } from "lucide-react";
import { useEffect, type ReactNode } from "react";
import { Navigate, Outlet, useLocation, useParams, type RouteObject } from "react-router";

import { apps, type AppModule } from "./apps";
import { AppShell } from "./components/app-shell";
import { EmptyState, ErrorNotice } from "./components/states";
import { Skeleton } from "./components/ui/skeleton";
import { isSignedOut } from "./lib/errors";
import { SignedInProvider, useMe, useSignedIn } from "./lib/me";
import { lastOrganization, OrganizationProvider, orgPath, rememberOrganization, useOrganization } from "./lib/organization";
import { hasRole, ROLE_LABELS } from "./lib/roles";
import { SignInPage } from "./pages/auth/sign-in-page";
import { NoOrganizationPage } from "./pages/home/no-organization-page";
import { NotFoundPage } from "./pages/home/not-found-page";
import { NotMemberPage } from "./pages/home/not-member-page";
import { AcceptInvitationPage, KeepInvitationToken } from "./pages/identity/accept-invitation-page";
import { ACCEPT_PATH } from "./pages/identity/invitation-link";

function FullPageLoading(): ReactNode {
  return (
    <div role="status" aria-busy="true" className="grid min-h-screen place-items-center">
      <span className="sr-only">Loading SENT…</span>
      <div className="grid w-64 gap-3">
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-4" />
        <Skeleton className="h-4 w-5/6" />
      </div>
    </div>
  );
}

/** Signed in or not: the gate in front of every page. */
function Root(): ReactNode {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return <FullPageLoading />;
  }
  if (me.isError) {
    if (isSignedOut(me.error)) {
      return <SignInPage returnTo={location.pathname + location.search} />;
    }
    return (
      <div className="mx-auto grid min-h-screen max-w-lg place-items-center px-4">
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  return (
    <SignedInProvider me={me.data}>
      <Outlet />
    </SignedInProvider>
  );
}

function Start(): ReactNode {
  const me = useSignedIn();
  const last = lastOrganization();
  const target = me.memberships.find((m) => m.organizationId === last) ?? me.memberships[0];
  if (target === undefined) {
    return (
      <AppShell me={me} organizationId={undefined} appId={undefined}>
        <NoOrganizationPage />
      </AppShell>
    );
  }
  return <Navigate to={orgPath(target.organizationId)} replace />;
}

function OrganizationLayout(): ReactNode {
  const me = useSignedIn();
  const { orgId } = useParams();
  const location = useLocation();
  const membership = me.memberships.find((m) => m.organizationId === orgId);
  const appId = location.pathname.split("/")[3];
  useEffect(() => {
    if (membership !== undefined) {
      rememberOrganization(membership.organizationId);
    }
  }, [membership]);
  return (
    <AppShell me={me} organizationId={orgId} appId={appId}>
      {membership === undefined ? (
        <NotMemberPage />
      ) : (
        <OrganizationProvider membership={membership}>
          <Outlet />
        </OrganizationProvider>
      )}
    </AppShell>
  );
}

/** The organization's first app the person's role opens. */
function OrganizationStart(): ReactNode {
  const { organizationId, role } = useOrganization();
  const first = apps.find((app) => hasRole(role, app.role));
  return first === undefined ? <NotFoundPage /> : <Navigate to={orgPath(organizationId, first.id)} replace />;
}

function RoleGate({ app }: { app: AppModule }): ReactNode {
  const { role } = useOrganization();
  if (!hasRole(role, app.role)) {
    return (
      <EmptyState
        icon={<ShieldAlert />}
        title={`${app.title} is not open to your role`}
        description={`It needs the ${ROLE_LABELS[app.role].toLowerCase()} role or more; yours is ${ROLE_LABELS[role].toLowerCase()}. An admin of the organization can change it.`}
      />
    );
  }
  return <Outlet />;
}

export const routes: RouteObject[] = [
  {
    // The link's secret is kept before the sign-in gate may send the browser away.
    path: ACCEPT_PATH,
    element: <KeepInvitationToken />,
    children: [{ element: <Root />, children: [{ index: true, element: <AcceptInvitationPage /> }] }],
  },
  {
    path: "/",
    element: <Root />,
    children: [
      { index: true, element: <Start /> },
      {
        path: "orgs/:orgId",
        element: <OrganizationLayout />,
        children: [
          { index: true, element: <OrganizationStart /> },
          ...apps.map((app): RouteObject => ({ path: app.id, element: <RoleGate app={app} />, children: app.routes })),
          { path: "*", element: <NotFoundPage /> },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
