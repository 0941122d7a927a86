/**
 * The three states every list and page has besides its data: loading (a
 * skeleton in the data's shape, announced as busy), empty (what to do next),
 * and failed (the error by kind, with a retry where one may help).
 */

import { CircleAlert, Inbox, LogIn, RotateCw, ShieldAlert, WifiOff } from "lucide-react";
import type { ReactNode } from "react";
import { useLocation } from "react-router";

import { describeError } from "@/lib/errors";
import { signInHref } from "@/lib/session";
import { cn } from "@/lib/utils";

import { Button } from "./ui/button";
import { Skeleton } from "./ui/skeleton";

export function EmptyState({
  title,
  description,
  action,
  icon,
  className,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}): ReactNode {
  return (
    <div className={cn("flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed px-6 py-10 text-center", className)} data-state="empty">
      <div className="text-muted-foreground [&_svg]:size-8" aria-hidden="true">
        {icon ?? <Inbox />}
      </div>
      <p className="font-medium">{title}</p>
      {description === undefined ? null : <p className="max-w-md text-sm text-muted-foreground">{description}</p>}
      {action === undefined ? null : <div className="mt-2">{action}</div>}
    </div>
  );
}

/** Rows of placeholders in the shape of a table while it loads. */
export function TableSkeleton({ rows = 4, columns = 4, label }: { rows?: number; columns?: number; label: string }): ReactNode {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="grid gap-2 py-2" data-state="loading">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="grid gap-3" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
          {Array.from({ length: columns }, (_, column) => (
            <Skeleton key={column} className={cn("h-5", column === 0 ? "w-3/4" : "w-full")} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** A block placeholder (a chart, a card) while it loads. */
export function BlockSkeleton({ label, className }: { label: string; className?: string }): ReactNode {
  return (
    <div role="status" aria-busy="true" data-state="loading" className={className}>
      <span className="sr-only">{label}</span>
      <Skeleton className="h-full min-h-24 w-full" />
    </div>
  );
}

function KindIcon({ kind }: { kind: string }): ReactNode {
  switch (kind) {
    case "transport":
    case "deadline":
      return <WifiOff aria-hidden="true" />;
    case "forbidden":
      return <ShieldAlert aria-hidden="true" />;
    case "unauthenticated":
      return <LogIn aria-hidden="true" />;
    default:
      return <CircleAlert aria-hidden="true" />;
  }
}

/**
 * A failed load or action, said by its kind, with what to do about it. A
 * page that knows better what a kind means for its action says so with
 * `words` (its title and advice).
 */
export function ErrorNotice({
  error,
  onRetry,
  className,
  words,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
  words?: { readonly title: string; readonly advice: string } | undefined;
}): ReactNode {
  const view = { ...describeError(error), ...words };
  const location = useLocation();
  return (
    <div
      role="alert"
      data-error-kind={view.kind}
      className={cn("flex gap-3 rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm [&_svg]:size-5 [&_svg]:shrink-0 [&_svg]:text-destructive", className)}
    >
      <KindIcon kind={view.kind} />
      <div className="grid gap-1">
        <p className="font-semibold">{view.title}</p>
        <p>{view.message}</p>
        <p className="text-muted-foreground">{view.advice}</p>
        {view.requestId === undefined ? null : (
          <p className="text-xs text-muted-foreground">
            Request id: <code className="font-mono select-all">{view.requestId}</code>
          </p>
        )}
        <div className="mt-1 flex gap-2">
          {view.kind === "unauthenticated" ? (
            <Button asChild size="sm">
              <a href={signInHref(location.pathname + location.search)}>Sign in again</a>
            </Button>
          ) : null}
          {onRetry !== undefined && view.retryable ? (
            <Button size="sm" variant="outline" onClick={onRetry}>
              <RotateCw aria-hidden="true" />
              Try again
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }): ReactNode {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description === undefined ? null : <p className="mt-1 text-sm text-muted-foreground">{description}</p>}
      </div>
      {actions === undefined ? null : <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}
