// What every part of the web chat shares: the page's elements, the chat being shown, the control API over HTTP
// (/sandbox/api) and the toast that reports what went wrong.
export const api = "/sandbox/api";
export const $ = (id) => document.getElementById(id);
export const state = { users: [], user: null, messages: new Map(), events: null, replyTo: null, commands: [] };

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

export const get = (path) => fetch(api + path).then(check);
export const post = (path, body) =>
  fetch(api + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(check);
export const upload = (path, form) => fetch(api + path, { method: "POST", body: form }).then(check);

let toastTimer = 0;
export function toast(text, long) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), long ? 6000 : 3000);
}
