// A table filled page by page from the API, with a "Show more" button and an empty message:
// the user's token list and the administrator's list of everyone's tokens.

/**
 * `fetchPage(continuation)` resolves to `{ items, continuation }` (continuation null on the last
 * page); `row(item)` builds a `<tr>`. `reload()` starts again from the first page; `refresh()`
 * loads again as many rows as are shown (after an edit the reader stays where they were). An
 * answer, or an error, that arrives after a newer load started is dropped, so the table never
 * mixes two queries nor shows an older query's failure.
 */
export function pagedTable({ table, more, empty, fetchPage, row }) {
  let continuation = null;
  let generation = 0;

  /** The page, or null when a newer load started meanwhile (its answer or error is dropped). */
  async function current(mine, next) {
    try {
      const page = await fetchPage(next);
      return mine === generation ? page : null;
    } catch (e) {
      if (mine !== generation) return null;
      throw e;
    }
  }

  async function load(append) {
    const mine = append ? generation : ++generation;
    const page = await current(mine, append ? continuation : null);
    if (!page) return;
    const body = table.tBodies[0];
    if (!append) body.replaceChildren();
    body.append(...page.items.map(row));
    continuation = page.continuation ?? null;
    more.hidden = !continuation;
    empty.hidden = body.rows.length > 0;
  }

  async function refresh() {
    const mine = ++generation;
    const body = table.tBodies[0];
    const shown = body.rows.length;
    const items = [];
    let next = null;
    do {
      const page = await current(mine, next);
      if (!page) return;
      items.push(...page.items);
      next = page.continuation ?? null;
    } while (next && items.length < shown);
    body.replaceChildren(...items.map(row));
    continuation = next;
    more.hidden = !continuation;
    empty.hidden = body.rows.length > 0;
  }

  more.addEventListener("click", () => load(true));
  return { reload: () => load(false), refresh };
}
