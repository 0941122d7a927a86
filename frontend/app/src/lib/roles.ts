import type { Role } from "@sent/sdk";

/** Roles from least to most: each can do what the ones before it can. */
export const ROLES: readonly Role[] = ["auditor", "member", "admin", "owner"];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  auditor: "Auditor",
  member: "Member",
  admin: "Admin",
  owner: "Owner",
};

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  auditor: "Reads everything, changes nothing.",
  member: "Posts and reverses journal entries.",
  admin: "Manages accounts and members.",
  owner: "Everything, including ownership.",
};

/** Whether `role` includes what `needed` may do. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
