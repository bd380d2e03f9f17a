// The message box and what is sent from it: text (Enter sends, Shift+Enter starts a new line), a file with its
// caption (as a photo, a document, a voice note, an audio or a video), a reply to a message, and the bot's command
// menu for this user's chat.
import { $, get, post, state, toast, upload } from "./dom.js";
import { summary } from "./render.js";

// One send after the other, so that messages arrive in the order they were typed or recorded.
let sending = Promise.resolve();

/** Runs a send after those before it. */
export function queueSend(task) {
  sending = sending.then(task);
}

const IMAGES = /^image\/(png|jpeg|gif|webp)$/;

/** What a picked file is sent as unless the user says otherwise: what its type suggests. */
function kindOf(file) {
  if (IMAGES.test(file.type)) return "photos";
  if (file.type.startsWith("audio/")) return "voices";
  if (file.type.startsWith("video/")) return "videos";
  return "documents";
}

export function setReply(message) {
  state.replyTo = message;
  $("reply-text").textContent = "Replying to: " + summary(message);
  $("reply-bar").hidden = false;
  $("text").focus();
}

export function clearReply() {
  state.replyTo = null;
  $("reply-bar").hidden = true;
}

/** The file waiting for Send, from the photo picker or the file picker, whichever was used last. */
let picked = null;

function pick(input, kind) {
  const file = input.files[0];
  input.value = "";
  if (!file) return;
  picked = file;
  $("file-kind").value = kind || kindOf(file);
  $("file-text").textContent = `${file.name} — type a caption (optional) and press Send`;
  $("file-bar").hidden = false;
  $("text").focus();
}

/** Chooses a sound file to send as a voice note (where recording is not possible). */
export function pickVoiceFile() {
  $("file").dataset.kind = "voices";
  $("file").click();
}

export function clearFile() {
  picked = null;
  $("file").value = "";
  $("photo").value = "";
  $("file-bar").hidden = true;
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
  const file = picked;
  const kind = $("file-kind").value;
  if (!text && !file) return;
  const userId = state.user.id;
  const replyTo = state.replyTo?.messageId ?? null;
  // Out of the box at once: whatever is typed while this travels stays in the box.
  input.value = "";
  fit();
  clearReply();
  if (file) clearFile();
  queueSend(async () => {
    try {
      if (file) {
        const form = new FormData();
        form.append("file", file, file.name);
        if (text) form.append("caption", text);
        if (replyTo) form.append("replyToMessageId", String(replyTo));
        await upload(`/users/${userId}/${kind}`, form);
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
  $("file").addEventListener("change", () => {
    pick($("file"), $("file").dataset.kind);
    delete $("file").dataset.kind;
  });
  $("file").addEventListener("cancel", () => delete $("file").dataset.kind);
  $("photo").addEventListener("change", () => pick($("photo"), "photos"));
  $("file-cancel").addEventListener("click", clearFile);
  $("reply-cancel").addEventListener("click", clearReply);
  $("menu-button").addEventListener("click", async () => {
    if (!$("menu").hidden) return closeMenu();
    await loadCommands();
    openMenu();
  });
  $("menu").addEventListener("keydown", menuKeys);
}
