// The sandbox web chat: a Telegram-like view of one sandbox user's chat with the bot, over the emulator's control
// API (/sandbox/api) and its server-sent events. This module picks the user and keeps the chat live.
import { $, get, post, state, toast } from "./dom.js";
import { remove, resetView, setUpChatView, upsert } from "./chatview.js";
import { clearFile, clearReply, closeMenu, loadCommands, setUpComposer } from "./composer.js";
import { cancelRecording, setUpRecorder } from "./recorder.js";
import { showReplyKeyboard } from "./replykeys.js";

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
  cancelRecording();
  clearReply();
  clearFile();
  closeMenu();
  history.replaceState(null, "", "#user=" + id);
  renderUsers();
  $("chat-title").textContent = `${user.firstName} — chat with the bot`;
  $("messages").replaceChildren();
  document.querySelector(".layout").classList.add("chatting");
  for (const el of ["text", "send", "file", "photo", "record"]) $(el).disabled = false;
  connect(id);
  await reloadTranscript(id);
  showReplyKeyboard();
  resetView();
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

function connect(userId) {
  state.events?.close();
  const events = new EventSource(`/sandbox/api/events?userId=${userId}`);
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

setUpComposer();
setUpRecorder();
setUpChatView();
$("add-user").addEventListener("submit", addUser);
$("back").addEventListener("click", () => document.querySelector(".layout").classList.remove("chatting"));
try {
  await loadUsers();
  const wanted = Number(new URLSearchParams(location.hash.slice(1)).get("user"));
  if (wanted) await selectUser(wanted);
} catch (e) {
  toast("The sandbox is not reachable: " + e.message, true);
}
