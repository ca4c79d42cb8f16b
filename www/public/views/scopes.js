// The token form's scope picker: the core's catalog by category, a search box, and what the
// chosen scopes imply (the core's validateScopes) shown checked and disabled.
import { scopeCatalog, validateScopes } from "../pkg/browser.js";
import { $, h } from "../dom.js";

const inputs = () => $("scope-list").querySelectorAll("input[data-scope]");
const fullAccess = () => document.querySelector('input[name="access"][value="full"]');

/** Whether "Full access" is chosen. */
export const isFullAccess = () => fullAccess().checked;

/** The scopes chosen by hand (not those shown because another implies them). */
export function chosenScopes() {
  return [...inputs()].filter((i) => i.checked && !i.dataset.implied).map((i) => i.value);
}

/** Whether `name` is a scope the core knows (the full-access name included). */
export const knownScope = (name) => validateScopes(name).ok;

/** Marks what the chosen scopes imply (checked and disabled) and summarises the choice. */
function sync() {
  const chosen = chosenScopes();
  const v = chosen.length ? validateScopes(chosen.join(" ")) : null;
  const implied = new Set(v?.ok ? v.implied : []);
  for (const input of inputs()) {
    const isImplied = implied.has(input.value) && !chosen.includes(input.value);
    input.checked = chosen.includes(input.value) || isImplied;
    input.disabled = isImplied;
    if (isImplied) input.dataset.implied = "1";
    else delete input.dataset.implied;
  }
  const full = isFullAccess();
  $("scope-picker").hidden = full;
  const also = [...implied].filter((s) => !chosen.includes(s)).join(", ") || "nothing else";
  $("scope-summary").textContent = full ? "" : chosen.length === 0 ? "No scope chosen yet." : `Chosen: ${chosen.join(", ")}. Also granted: ${also}.`;
}

function search() {
  const q = $("scope-search").value.trim().toLowerCase();
  for (const c of $("scope-list").querySelectorAll(".category")) {
    let any = false;
    for (const s of c.querySelectorAll(".scope")) {
      s.hidden = q !== "" && !s.dataset.search.includes(q);
      any ||= !s.hidden;
    }
    c.hidden = !any;
  }
}

/** Chooses exactly `scope` (a space-separated list; full access if the core says it is); clears the search. */
export function setScopes(scope) {
  const full = scope !== "" && validateScopes(scope).fullAccess === true;
  document.querySelector(`input[name="access"][value="${full ? "full" : "custom"}"]`).checked = true;
  $("scope-search").value = "";
  search();
  const wanted = new Set(full ? [] : scope.split(" ").filter(Boolean));
  for (const i of inputs()) {
    i.checked = wanted.has(i.value);
    delete i.dataset.implied;
  }
  sync();
}

/** Builds the picker from the core's catalog, once. */
export function setupScopes() {
  $("scope-list").replaceChildren(
    ...scopeCatalog().map((c) =>
      h("div", { class: "category", "data-category": c.category },
        h("h3", {}, c.category),
        ...c.scopes.map((s) =>
          h("div", { class: "scope", "data-search": `${c.category} ${s.name} ${s.scope}`.toLowerCase() },
            h("label", { class: "check" }, h("input", { type: "checkbox", value: s.scope, "data-scope": s.scope }), `${s.name} `, h("code", {}, s.scope)),
          ),
        ),
      ),
    ),
  );
  $("scope-list").addEventListener("change", sync);
  for (const r of document.querySelectorAll('input[name="access"]')) r.addEventListener("change", sync);
  $("scope-search").addEventListener("input", search);
}
