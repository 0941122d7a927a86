import type { Page_Serialize } from "@sent/sdk";

/** How many items one page of an "every page" read asks for. */
export const WHOLE_LIST_PAGE = 200;

/**
 * Every item of a paginated list method, reading page after page until the
 * server says there is no next one. `page` asks for the page at `cursor`
 * (`null`: the first).
 */
export async function everyPage<T>(page: (cursor: string | null, limit: number) => Promise<Page_Serialize<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const next: Page_Serialize<T> = await page(cursor, WHOLE_LIST_PAGE);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return items;
}
