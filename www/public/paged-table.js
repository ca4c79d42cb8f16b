// A table filled page by page from the API, with a "Show more" button and an empty message:
// the user's token list and the administrator's list of everyone's tokens.

/**
 * `fetchPage(continuation)` resolves to `{ items, continuation }` (continuation null on the last
 * page); `row(item)` builds a `<tr>`. `reload()` starts again from the first page; an answer
 * that arrives after a newer reload started is dropped, so the table never mixes two queries.
 */
export function pagedTable({ table, more, empty, fetchPage, row }) {
  let continuation = null;
  let generation = 0;

  async function load(append) {
    const mine = append ? generation : ++generation;
    const page = await fetchPage(append ? continuation : null);
    if (mine !== generation) return;
    const body = table.tBodies[0];
    if (!append) body.replaceChildren();
    body.append(...page.items.map(row));
    continuation = page.continuation ?? null;
    more.hidden = !continuation;
    empty.hidden = body.rows.length > 0;
  }

  more.addEventListener("click", () => load(true));
  return { reload: () => load(false) };
}
