// Builds a message's element. The bot's HTML is parsed inertly (DOMParser) and rebuilt from Telegram's tags only;
// no text ever reaches innerHTML, and images come only from the emulator, which serves nothing but image bytes.
import { api, state } from "./dom.js";

const SIMPLE_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote"]);
const DROPPED = new Set(["script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "title"]);
const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

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

/** A photo, or a document whose type is an image, shown as Telegram does; the download link stays beside it. */
function renderMedia(message, bubble) {
  const file = `${api}/chats/${message.chatId}/messages/${message.messageId}`;
  if (message.photo || INLINE_IMAGES.has(message.documentMimeType)) {
    const image = document.createElement("img");
    image.className = "picture";
    image.alt = message.documentFileName || "Photo";
    if (message.photo) {
      // Known size: the chat keeps its place while the picture loads.
      image.width = message.photo.width;
      image.height = message.photo.height;
    }
    image.src = file + "/image";
    // Not an image after all (the emulator refused it): the link below remains.
    image.addEventListener("error", () => image.remove());
    bubble.append(image);
  }
  if (message.documentFileName || message.photo) {
    const link = document.createElement("a");
    link.className = "doc";
    link.href = file + "/document";
    link.download = message.documentFileName || `photo-${message.messageId}`;
    link.textContent = "⬇ " + (message.documentFileName || "Save the photo");
    bubble.append(link);
  }
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

/** actions.press(message, button, element) presses an inline button; actions.reply(message) starts a reply. */
export function renderMessage(message, actions) {
  const item = document.createElement("li");
  item.className = "msg " + (message.fromBot ? "bot" : "me");
  item.dataset.id = message.messageId;
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
    quote.textContent = "↪ " + (quoted ? (quoted.plainText || quoted.documentFileName || "").replace(/\s+/g, " ").slice(0, 80) : "message " + message.replyToMessageId);
    bubble.append(quote);
  }
  renderMedia(message, bubble);
  if (message.text != null || message.caption != null) bubble.append(renderBody(message));

  if (message.keyboard && message.keyboard.length) {
    const keyboard = document.createElement("div");
    keyboard.className = "keyboard";
    for (const row of message.keyboard) {
      const line = document.createElement("div");
      line.className = "krow";
      for (const button of row) line.append(renderButton(message, button, actions));
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
    reply.addEventListener("click", () => actions.reply(message));
    foot.append(reply);
  }
  const time = document.createElement("span");
  time.textContent = (message.editDate ? "edited " : "") + timeOf(message.editDate || message.date);
  foot.append(time);
  bubble.append(foot);
  item.append(bubble);
  return item;
}
