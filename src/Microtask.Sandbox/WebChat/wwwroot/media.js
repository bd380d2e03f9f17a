// A message's media as Telegram's apps show it: pictures and videos inline, sounds and voice notes with a player, a
// place as a map link, albums as a grid. Every file comes from the emulator, which serves a picture only when its bytes
// are an image and a sound or video only when its bytes are one.
import { api } from "./dom.js";

const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

const fileOf = (message) => `${api}/chats/${message.chatId}/messages/${message.messageId}`;

/** "0:07", "12:30": a length as players show it. */
export function clock(seconds) {
  const s = Math.max(0, Math.round(seconds || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function picture(message, className, alt, size) {
  const image = document.createElement("img");
  image.className = className;
  image.alt = alt;
  if (size) {
    // Known size: the chat keeps its place while the picture loads.
    image.width = size.width;
    image.height = size.height;
  }
  image.src = fileOf(message) + "/image";
  return image;
}

function player(message, tag, label) {
  const element = document.createElement(tag);
  element.controls = true;
  element.preload = "metadata";
  element.src = fileOf(message) + "/media";
  element.setAttribute("aria-label", label);
  if (tag === "video" && message.video?.width) {
    element.width = message.video.width;
    element.height = message.video.height;
  }
  return element;
}

function saveLink(message, name) {
  const link = document.createElement("a");
  link.className = "doc";
  link.href = fileOf(message) + "/document";
  link.download = name;
  const label = document.createElement("span");
  label.className = "doc-name";
  label.textContent = name;
  link.append("⬇ ", label);
  link.setAttribute("aria-label", "Save " + name);
  return link;
}

function line(className, text) {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  return span;
}

/** The media of one message, as elements to put in its bubble (nothing for a text). */
export function mediaOf(message) {
  const id = message.messageId;
  if (message.photo) {
    const image = picture(message, "picture", "Photo", message.photo);
    return [image, saveLink(message, `photo-${id}`)];
  }
  if (message.video) {
    const name = `video-${id}`;
    return [player(message, "video", `Video, ${clock(message.video.duration)}`), saveLink(message, name)];
  }
  if (message.voice) {
    const label = `Voice note, ${clock(message.voice.duration)}`;
    return [line("media-title", label), player(message, "audio", label), saveLink(message, `voice-${id}`)];
  }
  if (message.audio) {
    const audio = message.audio;
    const title = [audio.performer, audio.title].filter(Boolean).join(" — ") || audio.fileName || "Audio";
    const label = `${title}, ${clock(audio.duration)}`;
    return [line("media-title", label), player(message, "audio", label), saveLink(message, audio.fileName || `audio-${id}`)];
  }
  if (message.sticker) {
    const image = picture(message, "sticker", `Sticker ${message.sticker.emoji || ""}`.trim());
    // An animated or video sticker is no still image: its emoji stands in.
    image.addEventListener("error", () => image.replaceWith(line("sticker-emoji", message.sticker.emoji || "🙂")));
    return [image];
  }
  if (message.location) {
    const { latitude, longitude } = message.location;
    const link = document.createElement("a");
    link.className = "place";
    link.href = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.textContent = `Location: ${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
    return [link];
  }
  if (message.documentFileName) {
    const parts = [];
    if (INLINE_IMAGES.has(message.documentMimeType)) {
      const image = picture(message, "picture", message.documentFileName);
      // Not an image after all (the emulator refused it): the link below remains.
      image.addEventListener("error", () => image.remove());
      parts.push(image);
    }
    parts.push(saveLink(message, message.documentFileName));
    return parts;
  }
  return [];
}

/**
 * An album's media: photos and videos as a grid of tiles, sounds and documents one under the other, as Telegram's apps
 * lay them out. A caption other than the first item's is the tile's tooltip.
 */
export function albumOf(messages) {
  const visual = messages.every((m) => m.photo || m.video);
  const box = document.createElement("div");
  box.className = visual ? `album-grid tiles-${Math.min(messages.length, 4)}` : "album-list";
  messages.forEach((message, i) => {
    const cell = document.createElement("div");
    cell.className = "album-item";
    cell.dataset.id = message.messageId;
    if (i > 0 && message.caption) cell.title = message.plainText;
    // Each file stays downloadable from its own tile (in the grid, a small ⬇ on the picture).
    cell.append(...mediaOf(message));
    box.append(cell);
  });
  return box;
}
