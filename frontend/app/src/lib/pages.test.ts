import { describe, expect, it } from "vitest";

import { everyPage, WHOLE_LIST_PAGE } from "./pages";

describe("everyPage", () => {
  it("follows the cursor until there is no next page, in order", async () => {
    const asked: Array<[string | null, number]> = [];
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      first: { items: [1, 2], nextCursor: "b" },
      b: { items: [3], nextCursor: "c" },
      c: { items: [], nextCursor: null },
    };
    const items = await everyPage(async (cursor, limit) => {
      asked.push([cursor, limit]);
      return pages[cursor ?? "first"]!;
    });
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([
      [null, WHOLE_LIST_PAGE],
      ["b", WHOLE_LIST_PAGE],
      ["c", WHOLE_LIST_PAGE],
    ]);
  });

  it("passes a failed page's error on", async () => {
    await expect(everyPage(() => Promise.reject(new Error("offline")))).rejects.toThrow("offline");
  });
});
