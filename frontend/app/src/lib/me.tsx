import type { Me_Serialize } from "@sent/sdk";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";

import { useSent } from "./sdk";

export const meKey = ["me"] as const;

/** The signed-in user and their organizations; fails `unauthenticated` when signed out. */
export function useMe(): UseQueryResult<Me_Serialize> {
  const sent = useSent();
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => sent.identity.me({ signal }), staleTime: 60_000 });
}

const SignedInContext = createContext<Me_Serialize | null>(null);

export function SignedInProvider({ me, children }: { me: Me_Serialize; children: ReactNode }): ReactNode {
  return <SignedInContext.Provider value={me}>{children}</SignedInContext.Provider>;
}

/** The signed-in user, for pages that only render once someone is signed in. */
export function useSignedIn(): Me_Serialize {
  const me = useContext(SignedInContext);
  if (me === null) {
    throw new Error("useSignedIn needs a signed-in page");
  }
  return me;
}
