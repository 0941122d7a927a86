import { LogIn } from "lucide-react";
import type { ReactNode } from "react";

import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { signInHref } from "@/lib/session";

/** Shown instead of any page while nobody is signed in; signing in comes back to that page. */
export function SignInPage({ returnTo }: { returnTo: string }): ReactNode {
  return (
    <div className="relative grid min-h-screen place-items-center bg-gradient-to-br from-background via-background to-accent/40 px-4">
      <div className="absolute top-3 right-3">
        <ThemeToggle />
      </div>
      <main className="w-full max-w-sm">
        <Card className="shadow-lg">
          <CardHeader className="flex-col items-center text-center">
            <img src="/favicon.svg" alt="" className="mb-2 size-12" />
            <CardTitle className="text-xl">
              <span className="sr-only">SENT: </span>Sign in to SENT
            </CardTitle>
            <CardDescription>Ledger, members and more for your organizations. You sign in with your organization's identity provider.</CardDescription>
          </CardHeader>
          <CardContent className="grid">
            <Button asChild size="lg">
              <a href={signInHref(returnTo)}>
                <LogIn aria-hidden="true" />
                Sign in
              </a>
            </Button>
          </CardContent>
        </Card>
      </main>
    </div>
  );
}
