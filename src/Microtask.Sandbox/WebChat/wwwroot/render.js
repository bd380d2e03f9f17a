// Builds a message's element, or an album's. The bot's HTML (texts and captions alike) is parsed inertly (DOMParser)
// and rebuilt from Telegram's tags only; no text ever reaches innerHTML, and media come only from the emulator.
import { state } from "./dom.js";
import { albumOf, mediaOf } from "./media.js";

const SIMPLE_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote"]);
const DROPPED = new Set(["script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "title"]);

export function safeHref(value) {
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

function timeOf(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function renderButton(message, button, actions) {
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
  element.dataset.callback = button.callbackData;
  element.addEventListener("click", () => actions.press(message, button, element));
  return element;
}

/** The list item and bubble every message starts with: who wrote it, and the message it replies to. */
function shell(message) {
  const item = document.createElement("li");
  item.className = "msg " + (message.fromBot ? "bot" : "me");
  // Focus can rest on the message itself, once the button that had it is gone.
  item.tabIndex = -1;
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
    quote.textContent = "↪ " + (quoted ? summary(quoted) : "message " + message.replyToMessageId);
    bubble.append(quote);
  }
  item.append(bubble);
  return { item, bubble };
}

/** A message in a line: its text, else what its media is. */
export function summary(message) {
  const what = message.plainText || message.documentFileName
    || (message.photo && "Photo") || (message.voice && "Voice note") || (message.audio && "Audio") || (message.video && "Video")
    || (message.sticker && `Sticker ${message.sticker.emoji || ""}`) || (message.location && "Location") || "";
  return what.replace(/\s+/g, " ").slice(0, 80);
}

function renderKeyboard(message, actions) {
  const keyboard = document.createElement("div");
  keyboard.className = "keyboard";
  for (const row of message.keyboard) {
    const line = document.createElement("div");
    line.className = "krow";
    for (const button of row) line.append(renderButton(message, button, actions));
    keyboard.append(line);
  }
  return keyboard;
}

function renderFoot(message, actions, edited) {
  const foot = document.createElement("div");
  foot.className = "foot";
  if (message.fromBot) {
    const reply = document.createElement("button");
    reply.type = "button";
    reply.textContent = "Reply";
    reply.setAttribute("aria-label", "Reply to this message");
    reply.addEventListener("click", () => actions.reply(message));
    foot.append(reply);
  }
  const time = document.createElement("span");
  time.textContent = (edited ? "edited " : "") + timeOf(edited || message.date);
  foot.append(time);
  return foot;
}

/** actions.press(message, button, element) presses an inline button; actions.reply(message) starts a reply. */
export function renderMessage(message, actions) {
  const { item, bubble } = shell(message);
  item.dataset.id = message.messageId;
  bubble.append(...mediaOf(message));
  if (message.text != null || message.caption != null) bubble.append(renderBody(message));
  if (message.keyboard?.length) bubble.append(renderKeyboard(message, actions));
  bubble.append(renderFoot(message, actions, message.editDate));
  return item;
}

/** An album (messages of one media_group_id, in id order) as one bubble; the first item's caption is the album's. */
export function renderAlbum(messages, actions) {
  const first = messages[0];
  const { item, bubble } = shell(first);
  item.classList.add("album");
  item.dataset.id = first.messageId;
  item.dataset.group = first.mediaGroupId;
  item.dataset.ids = messages.map((m) => m.messageId).join(",");
  bubble.append(albumOf(messages));
  if (first.caption != null) bubble.append(renderBody(first));
  for (const message of messages) if (message.keyboard?.length) bubble.append(renderKeyboard(message, actions));
  const edited = messages.map((m) => m.editDate).filter(Boolean).sort().at(-1);
  bubble.append(renderFoot(first, actions, edited));
  return item;
}
