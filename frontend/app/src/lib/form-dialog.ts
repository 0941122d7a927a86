import { useState } from "react";

import { describeError } from "@/lib/errors";

/** A message per field of a form's draft. */
export type FieldErrors<D> = Partial<Record<keyof D, string>>;

/** What a form dialog needs of its mutation (TanStack Query's `useMutation`). */
interface Attempt {
  readonly error: Error | null;
  reset: () => void;
}

/** The state every form dialog keeps, and what it does with it. */
export interface FormDialog<D> {
  readonly open: boolean;
  readonly draft: D;
  /** Change fields; the last attempt's server error no longer applies. */
  update: (patch: Partial<D>) => void;
  /** The field's own check, else the server's error when it names this field. */
  errorAt: (name: keyof D) => string | undefined;
  /** The server's error when it names no field of the form: shown above the buttons. */
  readonly formError: Error | null;
  /** Open or close; closing forgets the errors and the last attempt. */
  setOpen: (open: boolean) => void;
  /** Run the checks on the draft, show what they found; true when it may be sent. */
  validate: () => boolean;
  /** Start the next draft from empty (after a success). */
  clear: () => void;
}

/**
 * The state of a dialog that edits a draft and sends it with `attempt`:
 * the client-side `check` shows mistakes at once, a server error about one
 * field (a conflict on `code`, say) shows at that field, any other above the
 * buttons. `onClose` forgets what the caller keeps beside the draft.
 */
export function useFormDialog<D extends object>(empty: D, check: (draft: D) => FieldErrors<D>, attempt: Attempt, onClose?: () => void): FormDialog<D> {
  const [open, setOpenState] = useState(false);
  const [draft, setDraft] = useState<D>(empty);
  const [errors, setErrors] = useState<FieldErrors<D>>({});
  const serverError = attempt.error === null ? undefined : describeError(attempt.error);
  const serverField = serverError?.field !== undefined && serverError.field in empty ? (serverError.field as keyof D) : undefined;
  return {
    open,
    draft,
    update: (patch) => {
      setDraft((current) => ({ ...current, ...patch }));
      attempt.reset();
    },
    errorAt: (name) => errors[name] ?? (serverField === name ? serverError?.message : undefined),
    formError: serverField === undefined ? attempt.error : null,
    setOpen: (next) => {
      setOpenState(next);
      if (!next) {
        onClose?.();
        attempt.reset();
        setErrors({});
      }
    },
    validate: () => {
      const found = check(draft);
      setErrors(found);
      return Object.keys(found).length === 0;
    },
    clear: () => setDraft(empty),
  };
}
