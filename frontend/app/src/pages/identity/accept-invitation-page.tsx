import { isSentError, type ErrorKind } from "@sent/sdk";
import { LinkIcon, MailCheck } from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";

import { AppShell } from "@/components/app-shell";
import { EmptyState, ErrorNotice, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { useSignedIn } from "@/lib/me";
import { orgPath } from "@/lib/organization";
import { ROLE_LABELS } from "@/lib/roles";

import { forgetToken, keepToken, keptToken, tokenFromFragment } from "./invitation-link";
import { useAcceptInvitation } from "./queries";

/**
 * The route element of an invitation link, above the sign-in gate: the
 * secret in the fragment is kept for this tab before the gate may send a
 * signed-out visitor to sign in (the way back cannot carry a fragment), and
 * is then taken out of the address bar and the tab's history.
 */
export function KeepInvitationToken(): ReactNode {
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenFromFragment(location.hash);
  useEffect(() => {
    // Without storage the fragment stays: it is then the only copy.
    if (token !== null && keepToken(token)) {
      void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
    }
  }, [token, location.pathname, location.search, navigate]);
  return <Outlet />;
}

/** Refusals that no second try of the same secret can change. */
const FINAL: ReadonlySet<ErrorKind> = new Set<ErrorKind>(["forbidden", "conflict", "notFound", "validation"]);

/** What each refusal means for the person holding the link. */
export function acceptErrorWords(kind: string, signedInAs: string): { title: string; advice: string } | undefined {
  switch (kind) {
    case "forbidden":
      return {
        title: "This invitation is for another email address",
        advice: `You are signed in as ${signedInAs}. Sign out, open the link again, and sign in with the address the invitation was sent to.`,
      };
    case "conflict":
      return {
        title: "This invitation can no longer be used",
        advice: "An invitation works once, until it expires or is revoked. If you still need to join, ask an admin of the organization for a new one.",
      };
    case "notFound":
      return {
        title: "There is no such invitation",
        advice: "The link may have been cut short, or it belongs to an invitation that no longer exists. Ask for a new link.",
      };
    case "validation":
      return {
        title: "This link is not a whole invitation",
        advice: "Copy the whole link, including everything after #token=, and open it again.",
      };
    default:
      return undefined;
  }
}

/**
 * `/invitations/accept#token=...`: the signed-in person confirms, joins the
 * organization the invitation is for, and lands in it.
 */
export function AcceptInvitationPage(): ReactNode {
  const me = useSignedIn();
  const location = useLocation();
  const navigate = useNavigate();
  const { toast } = useToast();
  const accept = useAcceptInvitation();
  // Held here, since it leaves storage as soon as it is used or refused.
  const [token] = useState(() => tokenFromFragment(location.hash) ?? keptToken());
  const signedInAs = me.email ?? me.displayName ?? "this account";
  const words = accept.error === null || !isSentError(accept.error) ? undefined : acceptErrorWords(accept.error.kind, signedInAs);

  const join = (): void => {
    if (token === null) return;
    accept.mutate(token, {
      onSuccess: (membership) => {
        forgetToken();
        toast({ title: `Welcome to ${membership.organizationName}`, description: `You joined as ${ROLE_LABELS[membership.role].toLowerCase()}.`, variant: "success" });
        // The organization's pages make it the current one (and the one opened next time).
        void navigate(orgPath(membership.organizationId), { replace: true });
      },
      onError: (error) => {
        if (isSentError(error) && FINAL.has(error.kind)) forgetToken();
      },
    });
  };

  return (
    <AppShell me={me} organizationId={undefined} appId={undefined}>
      <PageHeader title="Invitation" />
      {token === null ? (
        <EmptyState
          icon={<LinkIcon />}
          title="This link carries no invitation"
          description="Open the invitation link again, whole: it ends in #token= and a long code. Mail and chat programs sometimes cut long links short."
          action={
            <Button asChild variant="outline">
              <Link to="/">Go to the start page</Link>
            </Button>
          }
        />
      ) : (
        <Card className="max-w-xl">
          <CardHeader>
            <div>
              <CardTitle>Join an organization?</CardTitle>
              <CardDescription>You were invited to an organization in SENT. Joining makes you a member with the role the invitation names.</CardDescription>
            </div>
          </CardHeader>
          <CardContent className="grid gap-4">
            <p className="text-sm">
              You are signed in as <strong>{signedInAs}</strong>. Only the person signed in with the address the invitation was sent to can accept it.
            </p>
            {accept.error === null ? null : <ErrorNotice error={accept.error} words={words} />}
            <div className="flex flex-wrap gap-2">
              <Button onClick={join} pending={accept.isPending} disabled={accept.isSuccess || (words !== undefined && accept.error !== null)}>
                <MailCheck aria-hidden="true" />
                Join the organization
              </Button>
              <Button asChild variant="outline">
                <Link to="/">Not now</Link>
              </Button>
            </div>
          </CardContent>
        </Card>
      )}
    </AppShell>
  );
}
