// The list of messages: keeps keyboard focus and the reader's place while the bot adds and edits messages, brings
// the bot's answer to a pressed button into view, and says so when something new arrives out of sight.
import { $, post, state, toast } from "./dom.js";
import { renderAlbum, renderMessage } from "./render.js";
import { setReply } from "./composer.js";
import { showReplyKeyboard } from "./replykeys.js";

const NEAR_BOTTOM = 80; // px: closer than this to the end counts as reading the newest message
const FOLLOW_PRESS = 10000; // ms: how long after a press its answer is awaited
let answerDue = 0; // until when the bot's next new message is the answer to a press, and is brought into view
let firstUnseen = null;

const actions = { press, reply: setReply };

async function press(message, button, element) {
  // Not disabled while it travels: a disabled button drops keyboard focus to the page. A second press meanwhile is ignored.
  if (element.getAttribute("aria-busy") === "true") return;
  element.setAttribute("aria-busy", "true");
  answerDue = Date.now() + FOLLOW_PRESS;
  try {
    await post(`/users/${state.user.id}/presses`, { messageId: message.messageId, callbackData: button.callbackData });
  } catch (e) {
    toast(e.message);
  } finally {
    element.removeAttribute("aria-busy");
  }
}

const list = () => $("messages");
const nearBottom = () => list().scrollHeight - list().scrollTop - list().clientHeight < NEAR_BOTTOM;

/** An album's messages as the chat has them, in id order. */
const albumMessages = (group) =>
  [...state.messages.values()].filter((m) => m.mediaGroupId === group).sort((a, b) => a.messageId - b.messageId);

const elementOf = (message) => message.mediaGroupId
  ? list().querySelector(`li[data-group="${CSS.escape(message.mediaGroupId)}"]`)
  : list().querySelector(`li[data-id="${message.messageId}"]`);

/**
 * Adds a message in id order, or replaces it in place when it was edited. The messages of an album share one element,
 * drawn again as each arrives or changes.
 */
export function upsert(message) {
  if (!state.user || message.chatId !== state.user.id) return;
  const atBottom = nearBottom();
  const old = elementOf(message);
  // An album's next item makes it taller: the reader who followed the chat goes on following.
  const grew = old?.dataset.ids?.split(",").includes(String(message.messageId)) === false;
  state.messages.set(message.messageId, message);
  if (message.fromBot && (message.replyKeyboard || message.removesReplyKeyboard)) showReplyKeyboard();
  const fresh = message.mediaGroupId ? renderAlbum(albumMessages(message.mediaGroupId), actions) : renderMessage(message, actions);
  const focused = old?.contains(document.activeElement) ? document.activeElement : null;
  if (old) {
    old.replaceWith(fresh);
  } else {
    const after = [...list().children].find((li) => Number(li.dataset.id) > Number(fresh.dataset.id));
    list().insertBefore(fresh, after || null);
  }
  if (focused) keepFocus(focused, fresh);
  if (old && !grew) return;
  if (grew) {
    if (atBottom) follow(fresh, () => (list().scrollTop = list().scrollHeight));
    return;
  }
  const answer = message.fromBot && Date.now() < answerDue;
  if (message.fromBot) answerDue = 0;
  if (atBottom || !message.fromBot) {
    follow(fresh, () => (list().scrollTop = list().scrollHeight));
  } else if (answer) {
    follow(fresh, () => fresh.scrollIntoView({ block: "nearest" }));
  } else {
    if (!firstUnseen?.isConnected) firstUnseen = fresh;
    $("new-below").hidden = false;
  }
}

/** Scrolls now, and again when the message's pictures and players have loaded and made it taller. */
function follow(item, scroll) {
  scroll();
  for (const image of item.querySelectorAll("img")) image.addEventListener("load", scroll, { once: true });
  for (const player of item.querySelectorAll("video")) player.addEventListener("loadedmetadata", scroll, { once: true });
}

/** The same button if the edit kept it, else the message itself: never the page's body, so Tab goes on from here. */
function keepFocus(focused, fresh) {
  const same = [...fresh.querySelectorAll("button")].find(
    (b) => b.textContent === focused.textContent && b.dataset.callback === focused.dataset.callback);
  (same || fresh).focus({ preventScroll: true });
}

export function remove(messageId) {
  const message = state.messages.get(messageId);
  const item = message ? elementOf(message) : list().querySelector(`li[data-id="${messageId}"]`);
  state.messages.delete(messageId);
  if (message?.replyKeyboard || message?.removesReplyKeyboard) showReplyKeyboard();
  const rest = message?.mediaGroupId ? albumMessages(message.mediaGroupId) : [];
  if (item && rest.length) {
    item.replaceWith(renderAlbum(rest, actions));
    return;
  }
  if (item?.contains(document.activeElement)) (item.nextElementSibling || item.previousElementSibling || list()).focus({ preventScroll: true });
  item?.remove();
}

function hideHint() {
  $("new-below").hidden = true;
  firstUnseen = null;
}

/** To the first message that arrived out of sight, with focus on it so that Tab goes on from there. */
function jumpToNew() {
  const target = firstUnseen?.isConnected ? firstUnseen : null;
  hideHint();
  if (!target) {
    list().scrollTop = list().scrollHeight;
    return;
  }
  target.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

/** A new chat on the screen: nothing unseen, and the newest message in view. */
export function resetView() {
  hideHint();
  list().scrollTop = list().scrollHeight;
}

export function setUpChatView() {
  list().addEventListener("scroll", () => nearBottom() && hideHint());
  $("new-below").addEventListener("click", jumpToNew);
  list().addEventListener("click", (e) => e.target.closest?.(".tg-spoiler")?.classList.add("shown"));
  list().addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList?.contains("tg-spoiler")) e.target.classList.add("shown");
  });
}
