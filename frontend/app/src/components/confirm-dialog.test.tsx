import { SentError } from "@sent/sdk";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";

import { ConfirmDialog } from "./confirm-dialog";

function attempt(error: Error | null) {
  return { error, isPending: false, reset: vi.fn() };
}

function renderDialog(tried: ReturnType<typeof attempt>, onConfirm = vi.fn(), onClose = vi.fn()) {
  // The error notice links to the sign-in page when signed out.
  render(
    <MemoryRouter>
      <ConfirmDialog
        open
        onClose={onClose}
        title="Remove Bob?"
        description="They lose access at once."
        action="Remove"
        attempt={tried}
        onConfirm={onConfirm}
      />
    </MemoryRouter>,
  );
  return { dialog: screen.getByRole("alertdialog", { name: "Remove Bob?" }), onConfirm, onClose };
}

describe("ConfirmDialog", () => {
  it("asks, then runs the action", async () => {
    const user = userEvent.setup();
    const { dialog, onConfirm } = renderDialog(attempt(null));
    expect(within(dialog).getByText("They lose access at once.")).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it("after a refusal for good offers only Close, and closing forgets the attempt", async () => {
    const user = userEvent.setup();
    const tried = attempt(new SentError({ kind: "conflict", message: "Bob was changed meanwhile", requestId: "r-7" }));
    const { dialog, onClose } = renderDialog(tried);
    expect(within(dialog).getByText("Bob was changed meanwhile")).toBeTruthy();
    expect((within(dialog).getByRole("button", { name: "Remove" }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(tried.reset).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("after a failure worth retrying lets the action run again", async () => {
    const user = userEvent.setup();
    const { dialog, onConfirm } = renderDialog(attempt(new SentError({ kind: "transport", message: "offline", requestId: "local-1" })));
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});
