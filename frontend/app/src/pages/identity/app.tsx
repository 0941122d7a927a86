import { Users } from "lucide-react";

import type { AppModule } from "@/apps";

import { MembersPage } from "./members-page";

export const app: AppModule = {
  id: "identity",
  title: "Members",
  description: "The organization, its members and their roles.",
  icon: Users,
  order: 20,
  role: "auditor",
  routes: [{ index: true, element: <MembersPage /> }],
};
