import type { Sent } from "@sent/sdk";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";

import { Toaster } from "./components/ui/toast";
import { isSignedOut, isTransient } from "./lib/errors";
import { meKey } from "./lib/me";
import { SentProvider } from "./lib/sdk";
import { ThemeProvider } from "./lib/theme";
import { routes } from "./routes";

/**
 * Queries retry only what may pass on a second try (the network, a busy
 * server); a session that ended anywhere sends the whole page back to the
 * sign-in screen.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // `identity.me` failing is itself what shows the sign-in page.
        if (query.queryKey[0] !== meKey[0]) onAnyError(error);
      },
    }),
    mutationCache: new MutationCache({ onError: (error) => onAnyError(error) }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && isTransient(error),
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
  function onAnyError(error: unknown): void {
    if (isSignedOut(error)) {
      void client.invalidateQueries({ queryKey: meKey });
    }
  }
  return client;
}

export function App({ client }: { client: Sent }): ReactNode {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <ThemeProvider>
      <SentProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <Toaster>
            <RouterProvider router={router} />
          </Toaster>
        </QueryClientProvider>
      </SentProvider>
    </ThemeProvider>
  );
}
