// Notifications: the unread count on the bell, the list, "Mark all as read". Refreshed on every
// page shown and whenever a token changes.
import { $, TOKENS_CHANGED, h, on, say, timeAt } from "../dom.js";
import { api, clock, session } from "../context.js";
import { instant, sinceText } from "../time.js";

/** Reads the user's notifications and shows them; a failure leaves the last ones shown. */
export async function refreshNotices() {
  if (!session.current) return;
  const n = await api("GET", "/_apis/notifications").catch(() => null);
  if (!n) return;
  const now = clock.now();
  $("unread").textContent = String(n.unread);
  $("unread").classList.toggle("zero", n.unread === 0);
  $("bell").setAttribute("aria-label", `Notifications, ${n.unread} unread`);
  $("notices-list").replaceChildren(
    ...(n.value.length
      ? n.value.map((x) => h("li", { class: x.read ? "" : "unread" }, x.message, timeAt(instant(x.createdAt), sinceText(instant(x.createdAt), now, clock.timeZone)), x.read ? null : " · unread"))
      : [h("li", {}, "No notifications.")]),
  );
}

$("bell").addEventListener("click", async () => {
  await refreshNotices();
  $("notices").showModal();
});

$("notices-read").addEventListener("click", async () => {
  await api("POST", "/_apis/notifications", { all: true });
  await refreshNotices();
  say("All notifications marked as read.");
});

on(TOKENS_CHANGED, () => refreshNotices());
