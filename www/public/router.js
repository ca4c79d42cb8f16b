// The portal's paths: `render(url)` decides what a path shows; links marked `data-route` and the
// browser's back and forward buttons go through `go` without reloading the page.
import { $ } from "./dom.js";

const TITLES = { signin: "Sign in", tokens: "Personal access tokens", activity: "Activity", admin: "Administration", report: "Report a leaked token", device: "Approve a tool's token" };

/** Shows the section `view-<view>`, hides the others, and marks the current navigation link. */
export function showView(view) {
  for (const v of Object.keys(TITLES)) $(`view-${v}`).hidden = v !== view;
  for (const a of document.querySelectorAll("[data-route]")) {
    if (a.dataset.route === "/" + view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `patgate · ${TITLES[view]}`;
}

export function createRouter(render) {
  const here = () => location.pathname + location.search;
  /** Shows `path` (default: the current one), adding it to the history when `push`. */
  async function go(path = here(), push = true) {
    if (push && path !== here()) history.pushState(null, "", path);
    await render(new URL(path, location.origin));
  }
  document.addEventListener("click", (e) => {
    const a = e.target.closest?.("a[data-route]");
    if (!a) return;
    e.preventDefault();
    go(a.getAttribute("href"));
  });
  window.addEventListener("popstate", () => go(undefined, false));
  return { go };
}
