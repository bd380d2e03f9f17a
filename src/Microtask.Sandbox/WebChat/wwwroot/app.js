// The sandbox web chat: a Telegram-like view of one sandbox user's chat with the bot, over the
// emulator's control API (/sandbox/api) and its server-sent events. The bot's HTML is parsed
// inertly (DOMParser) and rebuilt from a whitelist; no raw text ever reaches innerHTML.
"use strict";

const api = "/sandbox/api";
const $ = (id) => document.getElementById(id);
const state = { users: [], user: null, messages: new Map(), events: null, replyTo: null, commands: [] };

// ---- Safe rendering of Telegram's HTML subset ------------------------------------------------

const SIMPLE_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote"]);
const DROPPED = new Set(["script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "title"]);

function safeHref(value) {
  try {
    const url = new URL(value, "http://invalid.invalid/");
    return (url.protocol === "http:" || url.protocol === "https:") && !url.host.endsWith("invalid.invalid") ? url.href : null;
  } catch {
    return null;
  }
}

function rebuild(source, target) {
  for (const node of source.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      target.append(document.createTextNode(node.nodeValue));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = node.localName;
    if (DROPPED.has(tag)) continue;
    let copy = null;
    if (SIMPLE_TAGS.has(tag)) {
      copy = document.createElement(tag);
      if (tag === "code" && /^language-[\w+-]{1,32}$/.test(node.getAttribute("class") || "")) copy.className = node.getAttribute("class");
    } else if (tag === "a") {
      const href = safeHref(node.getAttribute("href") || "");
      if (href) {
        copy = document.createElement("a");
        copy.href = href;
        copy.target = "_blank";
        copy.rel = "noopener noreferrer";
      }
    } else if (tag === "tg-spoiler" || (tag === "span" && node.getAttribute("class") === "tg-spoiler")) {
      copy = document.createElement("span");
      copy.className = "tg-spoiler";
      copy.tabIndex = 0;
      copy.setAttribute("role", "button");
      copy.setAttribute("aria-label", "Spoiler, press to show");
    }
    // Anything else (tg-emoji, unknown tags) keeps only its text.
    rebuild(node, copy || target);
    if (copy) target.append(copy);
  }
}

function renderBody(message) {
  const body = document.createElement("div");
  body.className = "body";
  const text = message.text ?? message.caption ?? "";
  if ((message.parseMode || "").toUpperCase() === "HTML") {
    const parsed = new DOMParser().parseFromString("<!doctype html><body>" + text, "text/html");
    rebuild(parsed.body, body);
  } else {
    body.textContent = text;
  }
  return body;
}

// ---- Messages ---------------------------------------------------------------------------------

function timeOf(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function renderMessage(message) {
  const item = document.createElement("li");
  item.className = "msg " + (message.fromBot ? "bot" : "me");
  item.dataset.id = message.messageId;
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  const who = document.createElement("span");
  who.className = "visually-hidden";
  who.textContent = message.fromBot ? "Bot: " : "You: ";
  bubble.append(who);

  if (message.replyToMessageId) {
    const quoted = state.messages.get(message.replyToMessageId);
    const quote = document.createElement("div");
    quote.className = "quote";
    quote.textContent = "↪ " + (quoted ? (quoted.plainText || quoted.documentFileName || "").replace(/\s+/g, " ").slice(0, 80) : "message " + message.replyToMessageId);
    bubble.append(quote);
  }
  if (message.documentFileName) {
    const link = document.createElement("a");
    link.className = "doc";
    link.href = `${api}/chats/${message.chatId}/messages/${message.messageId}/document`;
    link.download = message.documentFileName;
    link.textContent = "⬇ " + message.documentFileName;
    bubble.append(link);
  }
  if (message.text != null || message.caption != null) bubble.append(renderBody(message));

  if (message.keyboard && message.keyboard.length) {
    const keyboard = document.createElement("div");
    keyboard.className = "keyboard";
    for (const row of message.keyboard) {
      const line = document.createElement("div");
      line.className = "krow";
      for (const button of row) line.append(renderButton(message, button));
      keyboard.append(line);
    }
    bubble.append(keyboard);
  }

  const foot = document.createElement("div");
  foot.className = "foot";
  if (message.fromBot) {
    const reply = document.createElement("button");
    reply.type = "button";
    reply.textContent = "Reply";
    reply.setAttribute("aria-label", "Reply to this message");
    reply.addEventListener("click", () => setReply(message));
    foot.append(reply);
  }
  const time = document.createElement("span");
  time.textContent = (message.editDate ? "edited " : "") + timeOf(message.editDate || message.date);
  foot.append(time);
  bubble.append(foot);
  item.append(bubble);
  return item;
}

function renderButton(message, button) {
  if (button.url) {
    const href = safeHref(button.url);
    const link = document.createElement(href ? "a" : "span");
    if (href) {
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
    link.textContent = button.text + " ↗";
    return link;
  }
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = button.text;
  element.addEventListener("click", async () => {
    element.disabled = true;
    try {
      await post(`/users/${state.user.id}/presses`, { messageId: message.messageId, callbackData: button.callbackData });
    } catch (e) {
      toast(e.message);
    } finally {
      element.disabled = false;
    }
  });
  return element;
}

function upsert(message) {
  if (!state.user || message.chatId !== state.user.id) return;
  const list = $("messages");
  const stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const fresh = renderMessage(message);
  const old = list.querySelector(`li[data-id="${message.messageId}"]`);
  // Keep keyboard focus on the same button when a message is edited in place.
  const focusedIndex = old ? [...old.querySelectorAll("button")].indexOf(document.activeElement) : -1;
  if (old) {
    old.replaceWith(fresh);
  } else {
    const after = [...list.children].find((li) => Number(li.dataset.id) > message.messageId);
    list.insertBefore(fresh, after || null);
  }
  state.messages.set(message.messageId, message);
  if (focusedIndex >= 0) (fresh.querySelectorAll("button")[focusedIndex] || $("text")).focus();
  if (stickToBottom || !message.fromBot) list.scrollTop = list.scrollHeight;
}

function remove(messageId) {
  $("messages").querySelector(`li[data-id="${messageId}"]`)?.remove();
  state.messages.delete(messageId);
}

// ---- Toasts, reply, file ----------------------------------------------------------------------

let toastTimer = 0;
function toast(text, long) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), long ? 6000 : 3000);
}

function setReply(message) {
  state.replyTo = message;
  const plain = (message.plainText || message.documentFileName || "").replace(/\s+/g, " ").slice(0, 80);
  $("reply-text").textContent = "Replying to: " + plain;
  $("reply-bar").hidden = false;
  $("text").focus();
}

function clearReply() {
  state.replyTo = null;
  $("reply-bar").hidden = true;
}

function showFile() {
  const file = $("file").files[0];
  $("file-bar").hidden = !file;
  $("file-text").textContent = file ? `${file.name} — type a caption (optional) and press Send` : "";
  if (file) $("text").focus();
}

function clearFile() {
  $("file").value = "";
  showFile();
}

// ---- HTTP ---------------------------------------------------------------------------------------

async function check(response) {
  if (response.ok) return response.status === 204 ? null : response.json();
  let detail = response.statusText;
  try {
    detail = (await response.json()).error || detail;
  } catch {
    // not JSON
  }
  throw new Error(detail);
}

const get = (path) => fetch(api + path).then(check);
const post = (path, body) =>
  fetch(api + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(check);

// ---- Users --------------------------------------------------------------------------------------

function renderUsers() {
  const list = $("users");
  list.replaceChildren();
  for (const user of state.users) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.userId = user.id;
    button.setAttribute("aria-current", String(state.user?.id === user.id));
    const avatar = document.createElement("span");
    avatar.className = "avatar";
    avatar.setAttribute("aria-hidden", "true");
    avatar.textContent = (user.firstName[0] || "?").toUpperCase();
    const label = document.createElement("span");
    const name = document.createElement("span");
    name.textContent = user.firstName;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = [user.username ? "@" + user.username : null, user.languageCode, "id " + user.id].filter(Boolean).join(" · ");
    label.append(name, meta);
    button.append(avatar, label);
    button.addEventListener("click", () => selectUser(user.id));
    item.append(button);
    list.append(item);
  }
}

async function loadUsers() {
  state.users = await get("/users");
  renderUsers();
}

async function selectUser(id) {
  const user = state.users.find((u) => u.id === id);
  if (!user) return;
  state.user = user;
  state.messages.clear();
  $("toast").hidden = true;
  clearReply();
  clearFile();
  closeMenu();
  history.replaceState(null, "", "#user=" + id);
  renderUsers();
  $("chat-title").textContent = `${user.firstName} — chat with the bot`;
  $("messages").replaceChildren();
  document.querySelector(".layout").classList.add("chatting");
  for (const el of ["text", "send", "file"]) $(el).disabled = false;
  connect(id);
  await reloadTranscript(id);
  $("messages").scrollTop = $("messages").scrollHeight;
  loadCommands();
  $("text").focus();
}

async function reloadTranscript(userId) {
  const transcript = await get(`/chats/${userId}/transcript`);
  if (state.user?.id !== userId) return;
  const ids = new Set(transcript.map((m) => m.messageId));
  for (const id of [...state.messages.keys()]) if (!ids.has(id)) remove(id);
  for (const message of transcript) upsert(message);
}

// ---- Live updates -------------------------------------------------------------------------------

function connect(userId) {
  state.events?.close();
  const events = new EventSource(`${api}/events?userId=${userId}`);
  state.events = events;
  const status = $("connection");
  let lost = false;
  events.onopen = () => {
    status.textContent = "live";
    // Events sent while the stream was down are gone: read the chat again.
    if (lost) reloadTranscript(userId);
    lost = false;
  };
  events.onerror = () => {
    status.textContent = "reconnecting…";
    lost = true;
  };
  const data = (e) => JSON.parse(e.data);
  events.addEventListener("MessageAdded", (e) => upsert(data(e).message));
  events.addEventListener("MessageEdited", (e) => upsert(data(e).message));
  events.addEventListener("MessageDeleted", (e) => remove(data(e).messageId));
  events.addEventListener("CallbackAnswered", (e) => {
    const answer = data(e).answer;
    if (answer?.text) toast(answer.text, answer.showAlert);
  });
}

// ---- Composer and the command menu -----------------------------------------------------------

async function send(event) {
  event.preventDefault();
  if (!state.user) return;
  const input = $("text");
  const text = input.value.trim();
  const file = $("file").files[0];
  try {
    if (file) {
      const form = new FormData();
      form.append("file", file, file.name);
      if (text) form.append("caption", text);
      if (state.replyTo) form.append("replyToMessageId", String(state.replyTo.messageId));
      await fetch(`${api}/users/${state.user.id}/documents`, { method: "POST", body: form }).then(check);
      clearFile();
      clearReply();
    } else if (text) {
      await post(`/users/${state.user.id}/messages`, { text, replyToMessageId: state.replyTo?.messageId ?? null });
      clearReply();
    } else {
      return;
    }
    input.value = "";
  } catch (e) {
    toast(e.message);
  }
}

async function loadCommands() {
  try {
    state.commands = await get(`/commands?languageCode=${encodeURIComponent(state.user?.languageCode || "")}`);
  } catch {
    state.commands = [];
  }
}

function openMenu() {
  const menu = $("menu");
  menu.replaceChildren();
  if (!state.commands.length) {
    const empty = document.createElement("p");
    empty.textContent = "The bot has not set a command menu yet.";
    empty.style.padding = "8px 12px";
    menu.append(empty);
  }
  for (const command of state.commands) {
    const item = document.createElement("button");
    item.type = "button";
    item.setAttribute("role", "menuitem");
    const name = document.createElement("b");
    name.textContent = "/" + command.command;
    item.append(name, " — " + command.description);
    item.addEventListener("click", async () => {
      closeMenu();
      $("text").value = "/" + command.command;
      $("composer").requestSubmit();
      $("text").focus();
    });
    menu.append(item);
  }
  menu.hidden = false;
  $("menu-button").setAttribute("aria-expanded", "true");
  menu.querySelector("button")?.focus();
}

function closeMenu() {
  $("menu").hidden = true;
  $("menu-button").setAttribute("aria-expanded", "false");
}

function menuKeys(event) {
  const items = [...$("menu").querySelectorAll("button")];
  const at = items.indexOf(document.activeElement);
  if (event.key === "Escape") {
    closeMenu();
    $("menu-button").focus();
  } else if (event.key === "ArrowDown" && items.length) {
    event.preventDefault();
    items[(at + 1) % items.length].focus();
  } else if (event.key === "ArrowUp" && items.length) {
    event.preventDefault();
    items[(at - 1 + items.length) % items.length].focus();
  }
}

// ---- Start --------------------------------------------------------------------------------------

async function addUser(event) {
  event.preventDefault();
  const form = event.target;
  try {
    const user = await post("/users", { firstName: form.firstName.value.trim(), languageCode: form.languageCode.value });
    form.reset();
    await loadUsers();
    await selectUser(user.id);
  } catch (e) {
    toast(e.message);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  $("composer").addEventListener("submit", send);
  $("add-user").addEventListener("submit", addUser);
  $("file").addEventListener("change", showFile);
  $("file-cancel").addEventListener("click", clearFile);
  $("reply-cancel").addEventListener("click", clearReply);
  $("menu-button").addEventListener("click", async () => {
    if (!$("menu").hidden) return closeMenu();
    if (state.user) await loadCommands();
    openMenu();
  });
  $("menu").addEventListener("keydown", menuKeys);
  $("back").addEventListener("click", () => document.querySelector(".layout").classList.remove("chatting"));
  $("messages").addEventListener("click", (e) => e.target.closest?.(".tg-spoiler")?.classList.add("shown"));
  $("messages").addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList?.contains("tg-spoiler")) e.target.classList.add("shown");
  });
  try {
    await loadUsers();
    const wanted = Number(new URLSearchParams(location.hash.slice(1)).get("user"));
    if (wanted) await selectUser(wanted);
  } catch (e) {
    toast("The sandbox is not reachable: " + e.message, true);
  }
});
