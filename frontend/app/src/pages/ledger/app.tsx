import { BookOpen } from "lucide-react";

import type { AppModule } from "@/apps";

import { AccountsPage } from "./accounts-page";
import { JournalPage } from "./journal-page";
import { LedgerLayout } from "./ledger-layout";
import { OverviewPage } from "./overview-page";

export const app: AppModule = {
  id: "ledger",
  title: "Ledger",
  description: "Chart of accounts, balanced journal entries, reversals and the trial balance.",
  icon: BookOpen,
  order: 10,
  role: "auditor",
  routes: [
    {
      element: <LedgerLayout />,
      children: [
        { index: true, element: <OverviewPage /> },
        { path: "accounts", element: <AccountsPage /> },
        { path: "journal", element: <JournalPage /> },
      ],
    },
  ],
};
