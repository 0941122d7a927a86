/**
 * Errors as people see them. Every failed call is a `SentError` whose
 * `kind` says what went wrong; each kind has its own title and advice, and
 * a `validation` (or `conflict`) error that names a field is shown at that
 * field by the forms.
 */

import { isSentError, type ErrorKind } from "@sent/sdk";

export interface ErrorView {
  /** The SDK's kind, or `unknown` for something that is not a `SentError` (a bug). */
  readonly kind: ErrorKind | "unknown";
  readonly title: string;
  /** The server's (or the client's) message: what exactly was refused. */
  readonly message: string;
  /** What the person can do about it. */
  readonly advice: string;
  /** The form field the error is about, in the server's notation (`lines[0].debit`). */
  readonly field: string | undefined;
  /** To quote when asking for help: the server's log has it. */
  readonly requestId: string | undefined;
  /** Whether trying again may work. */
  readonly retryable: boolean;
}

interface KindText {
  readonly title: string;
  readonly advice: string;
  readonly retryable: boolean;
}

// A Record over every kind: a kind added to the SDK fails the type check here
// until it has its words.
const KINDS: Readonly<Record<ErrorKind, KindText>> = {
  unauthenticated: { title: "You are signed out", advice: "Sign in again to continue.", retryable: false },
  forbidden: {
    title: "Not allowed",
    advice: "Your role in this organization does not allow this. Ask an admin or owner.",
    retryable: false,
  },
  notFound: { title: "Not found", advice: "It may have been removed, or belong to another organization.", retryable: false },
  conflict: {
    title: "Conflict",
    advice: "It already exists, or someone changed it first. Reload and try again.",
    retryable: false,
  },
  validation: { title: "Check the form", advice: "Correct the highlighted field and try again.", retryable: false },
  invalidParams: {
    title: "The request was refused",
    advice: "This page sent something the server does not accept; reload the page.",
    retryable: false,
  },
  invalidRequest: {
    title: "The request was refused",
    advice: "This page and the server disagree; reload the page.",
    retryable: false,
  },
  parseError: { title: "The request was refused", advice: "Reload the page and try again.", retryable: false },
  methodNotFound: {
    title: "Not available on this server",
    advice: "The server is older than this page; reload, or ask the operator to update it.",
    retryable: false,
  },
  internal: {
    title: "Something went wrong on the server",
    advice: "Try again; if it keeps failing, quote the request id to the operator.",
    retryable: true,
  },
  rateLimited: { title: "Too many requests", advice: "Wait a moment, then try again.", retryable: true },
  unavailable: { title: "SENT is unavailable", advice: "The server is busy or restarting; try again shortly.", retryable: true },
  deadlineExceeded: { title: "That took too long", advice: "The server gave up on it; try again.", retryable: true },
  deadline: { title: "No answer in time", advice: "Check your connection and try again.", retryable: true },
  transport: { title: "Cannot reach SENT", advice: "Check your connection, then try again.", retryable: true },
  aborted: { title: "Cancelled", advice: "The request was cancelled.", retryable: true },
  invalidResponse: {
    title: "Unexpected answer",
    advice: "The server answered in a shape this page does not know; reload the page.",
    retryable: false,
  },
};

export function describeError(error: unknown): ErrorView {
  if (isSentError(error)) {
    const text = KINDS[error.kind];
    const field = error.data["field"];
    return {
      kind: error.kind,
      title: text.title,
      message: error.message,
      advice: text.advice,
      field: typeof field === "string" ? field : undefined,
      requestId: error.requestId,
      retryable: text.retryable,
    };
  }
  return {
    kind: "unknown",
    title: "Something went wrong",
    message: error instanceof Error ? error.message : String(error),
    advice: "Reload the page and try again.",
    field: undefined,
    requestId: undefined,
    retryable: true,
  };
}

/** Whether `error` means the session is gone (sign in again). */
export function isSignedOut(error: unknown): boolean {
  return isSentError(error) && error.kind === "unauthenticated";
}

/** Whether retrying `error` automatically may help. */
export function isTransient(error: unknown): boolean {
  return isSentError(error) && KINDS[error.kind].retryable && error.kind !== "internal" && error.kind !== "aborted";
}

/**
 * A server field path (`lines[2].debit`) in the form's notation
 * (`lines.2.debit`).
 */
export function formField(serverField: string): string {
  return serverField.replace(/\[(\d+)\]/g, ".$1");
}
