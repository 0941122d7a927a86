/**
 * The apps of the platform, as the UI shows them: each is a folder
 * `src/pages/<app>/` whose `app.tsx` exports `app`, found here at build
 * time. A new app is a new folder; nothing else changes.
 */

import type { Role } from "@sent/sdk";
import type { LucideIcon } from "lucide-react";
import type { RouteObject } from "react-router";

export interface AppModule {
  /** The URL segment under `/orgs/<id>/`, and the first key of its queries. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly icon: LucideIcon;
  /** Place in the navigation. */
  readonly order: number;
  /** The least role that may open it. */
  readonly role: Role;
  /** Its pages, relative to `/orgs/<id>/<app id>`. */
  readonly routes: RouteObject[];
}

const modules = import.meta.glob<{ app: AppModule }>("./pages/*/app.tsx", { eager: true });

export const apps: readonly AppModule[] = Object.values(modules)
  .map((module) => module.app)
  .sort((a, b) => a.order - b.order);
