import type { ReactNode } from "react";

import { ErrorNotice } from "@/components/states";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { describeError } from "@/lib/errors";

/** What a confirmation needs of its mutation (TanStack Query's `useMutation`). */
interface Attempt {
  readonly error: Error | null;
  readonly isPending: boolean;
  reset: () => void;
}

/**
 * One more question before an action that cannot be taken back: what it
 * does, the error of a failed try, Cancel and the action. A refusal for good
 * (the row changed meanwhile, say) leaves only Close; closing forgets the
 * attempt.
 */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  action,
  attempt,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description: ReactNode;
  /** The button's words: what happens, as a verb. */
  action: string;
  attempt: Attempt;
  onConfirm: () => void;
}): ReactNode {
  const refusedForGood = attempt.error !== null && !describeError(attempt.error).retryable;
  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          attempt.reset();
          onClose();
        }
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        {attempt.error === null ? null : <ErrorNotice error={attempt.error} />}
        <AlertDialogFooter>
          <AlertDialogCancel>{attempt.error === null ? "Cancel" : "Close"}</AlertDialogCancel>
          <Button variant="destructive" pending={attempt.isPending} disabled={refusedForGood} onClick={onConfirm}>
            {action}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
