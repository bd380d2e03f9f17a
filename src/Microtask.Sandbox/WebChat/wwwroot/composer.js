// The message box and what is sent from it: text (Enter sends, Shift+Enter starts a new line), a document with its
// caption, a reply to a message, and the bot's command menu for this user's chat.
import { $, get, post, state, toast, upload } from "./dom.js";

// One send after the other, so that messages arrive in the order they were typed.
let sending = Promise.resolve();

export function setReply(message) {
  state.replyTo = message;
  const plain = (message.plainText || message.documentFileName || "").replace(/\s+/g, " ").slice(0, 80);
  $("reply-text").textContent = "Replying to: " + plain;
  $("reply-bar").hidden = false;
  $("text").focus();
}

export function clearReply() {
  state.replyTo = null;
  $("reply-bar").hidden = true;
}

function showFile() {
  const file = $("file").files[0];
  $("file-bar").hidden = !file;
  $("file-text").textContent = file ? `${file.name} — type a caption (optional) and press Send` : "";
  if (file) $("text").focus();
}

export function clearFile() {
  $("file").value = "";
  showFile();
}

/** The box grows with its lines, up to the height the style sheet allows. */
function fit() {
  const box = $("text");
  box.style.height = "auto";
  box.style.height = box.scrollHeight + 2 + "px";
}

function send(event) {
  event.preventDefault();
  if (!state.user) return;
  const input = $("text");
  const text = input.value.trim();
  const file = $("file").files[0];
  if (!text && !file) return;
  const userId = state.user.id;
  const replyTo = state.replyTo?.messageId ?? null;
  // Out of the box at once: whatever is typed while this travels stays in the box.
  input.value = "";
  fit();
  clearReply();
  if (file) clearFile();
  sending = sending.then(async () => {
    try {
      if (file) {
        const form = new FormData();
        form.append("file", file, file.name);
        if (text) form.append("caption", text);
        if (replyTo) form.append("replyToMessageId", String(replyTo));
        await upload(`/users/${userId}/documents`, form);
      } else {
        await post(`/users/${userId}/messages`, { text, replyToMessageId: replyTo });
      }
    } catch (e) {
      toast(e.message);
      // Not sent: the text comes back, ahead of anything typed since.
      if (state.user?.id === userId) {
        input.value = input.value ? text + "\n" + input.value : text;
        fit();
      }
    }
  });
}

function keys(event) {
  if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  $("composer").requestSubmit();
}

/** The menu this user's chat shows: the chat's own list, else all private chats', else the default one. */
export async function loadCommands() {
  try {
    state.commands = state.user ? await get(`/users/${state.user.id}/commands`) : [];
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
    empty.className = "menu-empty";
    menu.append(empty);
  }
  for (const command of state.commands) {
    const item = document.createElement("button");
    item.type = "button";
    item.setAttribute("role", "menuitem");
    const name = document.createElement("b");
    name.textContent = "/" + command.command;
    item.append(name, " — " + command.description);
    item.addEventListener("click", () => {
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

export function closeMenu() {
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

export function setUpComposer() {
  $("composer").addEventListener("submit", send);
  $("text").addEventListener("keydown", keys);
  $("text").addEventListener("input", fit);
  $("file").addEventListener("change", showFile);
  $("file-cancel").addEventListener("click", clearFile);
  $("reply-cancel").addEventListener("click", clearReply);
  $("menu-button").addEventListener("click", async () => {
    if (!$("menu").hidden) return closeMenu();
    await loadCommands();
    openMenu();
  });
  $("menu").addEventListener("keydown", menuKeys);
}
