import type { Me_Serialize } from "@sent/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { Copy, LogOut, User } from "lucide-react";
import { useState, type ReactNode } from "react";

import { signOut } from "@/lib/session";

import { Button } from "./ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";
import { useToast } from "./ui/toast";

export function UserMenu({ me }: { me: Me_Serialize }): ReactNode {
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const [busy, setBusy] = useState(false);
  const name = me.displayName ?? me.email ?? "Signed in";

  const leave = async (everywhere: boolean): Promise<void> => {
    setBusy(true);
    try {
      await signOut(everywhere);
      // Nothing of the signed-out person stays in memory.
      queryClient.clear();
      window.location.assign("/");
    } catch (error) {
      setBusy(false);
      toast({ title: "Sign-out failed", description: error instanceof Error ? error.message : String(error), variant: "destructive" });
    }
  };

  const copyId = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(me.userId);
      toast({ title: "User id copied", description: "Give it to an admin to be added to an organization." });
    } catch {
      toast({ title: "Copy failed", description: me.userId });
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="gap-2" aria-label={`Account: ${name}`} pending={busy}>
          <User aria-hidden="true" />
          <span className="hidden max-w-40 truncate sm:inline">{name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72">
        <DropdownMenuLabel className="grid gap-0.5">
          <span className="text-sm text-foreground">{name}</span>
          {me.email === null || me.email === name ? null : <span>{me.email}</span>}
        </DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => void copyId()}>
          <Copy aria-hidden="true" />
          Copy my user id
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void leave(false)}>
          <LogOut aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void leave(true)}>
          <LogOut aria-hidden="true" />
          Sign out everywhere
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
