import { SentError } from "@sent/sdk";
import { describe, expect, it } from "vitest";

import { describeError, formField, isSignedOut, isTransient } from "./errors";

describe("describeError", () => {
  it("says a validation error with its field and request id", () => {
    const error = new SentError({ kind: "validation", message: "code is 1 to 20 letters", requestId: "r-1", data: { field: "code" } });
    expect(describeError(error)).toMatchObject({
      kind: "validation",
      title: "Check the form",
      message: "code is 1 to 20 letters",
      field: "code",
      requestId: "r-1",
      retryable: false,
    });
  });

  it("has words for each kind", () => {
    expect(describeError(new SentError({ kind: "forbidden", message: "needs admin", requestId: "r" })).title).toBe("Not allowed");
    expect(describeError(new SentError({ kind: "transport", message: "offline", requestId: "local-1" }))).toMatchObject({
      title: "Cannot reach SENT",
      retryable: true,
    });
    expect(describeError(new SentError({ kind: "conflict", message: "exists", requestId: "r" })).title).toBe("Conflict");
  });

  it("copes with something that is not a SentError", () => {
    expect(describeError(new TypeError("x is undefined"))).toMatchObject({ kind: "unknown", message: "x is undefined", field: undefined });
  });
});

describe("error helpers", () => {
  it("tell a signed-out session and what to retry", () => {
    expect(isSignedOut(new SentError({ kind: "unauthenticated", message: "", requestId: "r" }))).toBe(true);
    expect(isSignedOut(new Error("unauthenticated"))).toBe(false);
    expect(isTransient(new SentError({ kind: "unavailable", message: "", requestId: "r" }))).toBe(true);
    expect(isTransient(new SentError({ kind: "validation", message: "", requestId: "r" }))).toBe(false);
  });

  it("turn the server's field paths into the form's", () => {
    expect(formField("lines[2].debit")).toBe("lines.2.debit");
  });
});
