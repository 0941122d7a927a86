import type { Membership, Sent } from "@sent/sdk";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, MemoryRouter, RouterProvider } from "react-router";

import { createQueryClient } from "@/app";
import { Toaster } from "@/components/ui/toast";
import { OrganizationProvider } from "@/lib/organization";
import { SentProvider } from "@/lib/sdk";
import { ThemeProvider } from "@/lib/theme";
import { routes } from "@/routes";

export const ACME: Membership = { organizationId: "0190a8e2-0000-7000-8000-00000000acme", organizationName: "Acme", role: "owner" };

/** `ui` as a page of `membership`'s organization, its calls going to `client`. */
export function renderInOrganization(ui: ReactNode, client: Sent, membership: Membership = ACME): RenderResult {
  const queryClient = createQueryClient();
  return render(
    <ThemeProvider>
      <SentProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <Toaster>
            <MemoryRouter>
              <OrganizationProvider membership={membership}>{ui}</OrganizationProvider>
            </MemoryRouter>
          </Toaster>
        </QueryClientProvider>
      </SentProvider>
    </ThemeProvider>,
  );
}

/** The whole page tree at `path` (sign-in gate included), its calls going to `client`. */
export function renderAt(path: string, client: Sent): ReturnType<typeof createMemoryRouter> {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <ThemeProvider>
      <SentProvider client={client}>
        <QueryClientProvider client={createQueryClient()}>
          <Toaster>
            <RouterProvider router={router} />
          </Toaster>
        </QueryClientProvider>
      </SentProvider>
    </ThemeProvider>,
  );
  return router;
}
