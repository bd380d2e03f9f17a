// Voice notes recorded with the microphone, as Telegram's apps do: the 🎤 button starts, the same button (or Send in
// the bar) stops and sends, Cancel or Escape throws the recording away. The page measures the length itself, since a
// browser's recording need not say it. Where recording is not possible (no microphone, permission refused, a browser
// without MediaRecorder), the user picks a sound file to send as the voice note instead.
import { $, state, toast, upload } from "./dom.js";
import { clearReply, pickVoiceFile, queueSend } from "./composer.js";
import { clock } from "./media.js";

// Telegram's apps record Ogg/Opus; Chromium records WebM/Opus, Safari MP4.
const TYPES = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/webm", "audio/mp4"];
const EXTENSIONS = { "audio/ogg": ".ogg", "audio/webm": ".webm", "audio/mp4": ".m4a" };

let recording = null;

function fallback(why) {
  toast(`${why}: pick a sound file to send as the voice note`, true);
  pickVoiceFile();
}

function showBar(on) {
  $("record-bar").hidden = !on;
  const button = $("record");
  button.setAttribute("aria-pressed", String(on));
  button.setAttribute("aria-label", on ? "Stop and send the voice note" : "Record a voice note");
  button.title = on ? "Stop and send" : "Record a voice note";
}

async function start() {
  if (!navigator.mediaDevices?.getUserMedia || !window.MediaRecorder) return fallback("This browser cannot record here");
  const userId = state.user.id;
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (e) {
    return fallback(`The microphone is not available (${e.name})`);
  }
  if (state.user?.id !== userId || recording) {
    stream.getTracks().forEach((t) => t.stop());
    return;
  }
  const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
  const current = { recorder, stream, userId, replyTo: state.replyTo?.messageId ?? null, chunks: [], cancelled: false, started: performance.now() };
  recording = current;
  recorder.addEventListener("dataavailable", (e) => e.data.size && current.chunks.push(e.data));
  recorder.addEventListener("stop", () => finish(current));
  recorder.start();
  const tick = () => ($("record-time").textContent = clock(Math.floor((performance.now() - current.started) / 1000)));
  tick();
  current.timer = setInterval(tick, 250);
  showBar(true);
}

/** Stops the recording, which is then sent unless cancelled. */
function stop(cancel) {
  if (!recording) return;
  recording.cancelled = cancel;
  recording.seconds = (performance.now() - recording.started) / 1000;
  clearInterval(recording.timer);
  recording.recorder.stop();
  recording = null;
  showBar(false);
}

/** Throws away a recording in progress (the user switched chats, say). */
export function cancelRecording() {
  stop(true);
}

function finish(done) {
  done.stream.getTracks().forEach((t) => t.stop());
  if (done.cancelled || !done.chunks.length) return;
  const type = (done.recorder.mimeType || done.chunks[0].type || "audio/webm").split(";")[0];
  const voice = new Blob(done.chunks, { type });
  if (state.replyTo?.messageId === done.replyTo) clearReply();
  queueSend(async () => {
    const form = new FormData();
    form.append("file", voice, "voice" + (EXTENSIONS[type] || ".webm"));
    form.append("duration", String(Math.round(done.seconds)));
    if (done.replyTo) form.append("replyToMessageId", String(done.replyTo));
    try {
      await upload(`/users/${done.userId}/voices`, form);
    } catch (e) {
      toast("The voice note was not sent: " + e.message);
    }
  });
}

export function setUpRecorder() {
  $("record").addEventListener("click", () => (recording ? stop(false) : start()));
  $("record-send").addEventListener("click", () => stop(false));
  $("record-cancel").addEventListener("click", () => stop(true));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && recording) {
      e.preventDefault();
      stop(true);
      $("record").focus();
    }
  });
}
