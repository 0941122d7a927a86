import { useId, type ReactElement, type ReactNode } from "react";

import { cn } from "@/lib/utils";

import { Label } from "./label";

/** What a form control needs to be labelled and described. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
}

/**
 * A labelled form control with its hint and its error, wired for assistive
 * technology: the control is described by both, and marked invalid while
 * there is an error.
 */
export function Field({
  label,
  hint,
  error,
  className,
  labelClassName,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  /** e.g. `sr-only` where a table header already says it. */
  labelClassName?: string;
  children: (control: FieldControlProps) => ReactElement;
}): ReactNode {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId].filter((x) => x !== null).join(" ");
  return (
    <div className={cn("grid content-start gap-1.5", className)}>
      <Label htmlFor={id} className={labelClassName}>
        {label}
      </Label>
      {children({ id, "aria-invalid": error === undefined ? undefined : true, "aria-describedby": describedBy === "" ? undefined : describedBy })}
      {hint === undefined ? null : (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error === undefined ? null : (
        <p id={errorId} className="text-xs font-medium text-destructive" data-field-error="">
          {error}
        </p>
      )}
    </div>
  );
}
