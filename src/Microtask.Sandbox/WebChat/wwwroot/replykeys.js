// The reply keyboard under the message box, as the bot's latest message that set or removed one left it: a text
// button sends its text, a location button the browser's position (or, without one, a fixed place in Jakarta).
import { $, post, state, toast } from "./dom.js";
import { queueSend } from "./composer.js";

const FALLBACK = { latitude: -6.2, longitude: 106.816666 }; // Jakarta: the sandbox's stand-in for a phone's fix

/** The keyboard in force: the newest bot message that set one, unless a newer one removed it. */
function current() {
  const setters = [...state.messages.values()]
    .filter((m) => m.fromBot && (m.replyKeyboard || m.removesReplyKeyboard))
    .sort((a, b) => a.messageId - b.messageId);
  return setters.at(-1)?.replyKeyboard ?? null;
}

function position() {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { timeout: 5000, maximumAge: 60000 });
  });
}

function pressed(button) {
  const userId = state.user.id;
  queueSend(async () => {
    try {
      if (!button.requestLocation) {
        await post(`/users/${userId}/messages`, { text: button.text });
        return;
      }
      let place = await position();
      if (!place) {
        place = FALLBACK;
        toast("The browser gave no position: sending a place in Jakarta instead.");
      }
      await post(`/users/${userId}/locations`, place);
    } catch (e) {
      toast(e.message);
    }
  });
}

/** Draws the keyboard in force, or hides the row when there is none. */
export function showReplyKeyboard() {
  const box = $("reply-keys");
  const keyboard = state.user ? current() : null;
  box.replaceChildren();
  box.hidden = !keyboard;
  for (const row of keyboard ?? []) {
    const line = document.createElement("div");
    line.className = "reply-row";
    for (const button of row) {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = button.text;
      if (button.requestLocation) element.dataset.location = "true";
      element.addEventListener("click", () => pressed(button));
      line.append(element);
    }
    box.append(line);
  }
}
