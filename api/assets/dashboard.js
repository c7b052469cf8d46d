// Carcosa dashboard: the few things a page does beyond plain HTML. Every form works without
// this file; it adds confirmations, copy buttons, the upload dropzone (the SDK's own browser
// uploader, served from this server) and live status for uploads in flight (the realtime
// WebSocket, with a token the page was rendered with).
import { createUploader, failureMessage } from "/assets/browser.js";

// Forms that destroy something ask first.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Copy buttons: <button data-copy="input-id">.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  if (!input) return;
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    document.execCommand("copy");
  }
  button.textContent = "Copied";
  button.setAttribute("aria-live", "polite");
});

/** Refreshes the uploads table from the server (statuses in words, thumbnails, links). */
let refreshTimer;
function refreshRows() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    const rows = document.getElementById("rows");
    const response = await fetch(location.href, { credentials: "same-origin", headers: { accept: "text/html" } });
    if (!response.ok) return;
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = html.getElementById("rows");
    if (rows && fresh) {
      rows.replaceWith(fresh);
    } else if (!rows && fresh) {
      // The first upload of an empty project: take the whole table.
      const empty = document.querySelector(".empty");
      const table = html.querySelector(".table-wrap");
      if (empty && table) empty.replaceWith(table);
    }
    follow();
  }, 250);
}

// Live status: one socket per page, subscribed to the project; rows in flight change as events
// arrive, and a row reaching a final state is re-rendered by the server.
let socket;
function follow() {
  const table = document.querySelector("[data-live-token]");
  if (!table || socket) return;
  const url = new URL(`/v1/ws?token=${encodeURIComponent(table.dataset.liveToken)}`, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(url);
  socket.addEventListener("open", () => socket.send(JSON.stringify({ op: "subscribe", channel: "project" })));
  socket.addEventListener("message", (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    if (!event.type || !event.upload_id) return;
    const row = document.querySelector(`[data-upload="${CSS.escape(event.upload_id)}"]`);
    const status = event.type.replace(/^upload\./, "");
    if (!row) {
      if (event.type.startsWith("upload.")) refreshRows();
      return;
    }
    const badge = row.querySelector("[data-status-text]");
    if (badge) {
      badge.className = `badge ${status}`;
      badge.textContent =
        status === "processing" && event.total ? `processing ${event.done ?? 0}/${event.total}` : status;
    }
    row.dataset.status = status;
    if (status === "failed" && event.reason) {
      badge?.insertAdjacentText("afterend", ` ${failureMessage(event.reason)}`);
    }
    if (["ready", "failed", "expired"].includes(status) || event.type === "file.deleted") refreshRows();
  });
  socket.addEventListener("close", () => {
    socket = undefined;
  });
}
follow();

// The dropzone: files go straight to the bucket through the SDK's uploader; this server only
// presigns, completes and reports status (POST {endpoint}, with the form token in a header).
const zone = document.querySelector("[data-dropzone]");
if (zone) {
  const list = document.querySelector("[data-progress-list]");
  const input = zone.querySelector("[data-dropzone-input]");
  const uploader = createUploader({
    endpoint: zone.dataset.endpoint,
    headers: { "x-csrf-token": zone.dataset.csrf },
  });
  const send = (files) => {
    for (const file of files) {
      const item = document.createElement("li");
      item.dataset.file = file.name;
      const name = document.createElement("span");
      name.textContent = file.name;
      const phase = document.createElement("span");
      phase.dataset.phase = "";
      const bar = document.createElement("progress");
      bar.max = 1;
      bar.value = 0;
      bar.setAttribute("aria-label", `Upload of ${file.name}`);
      item.append(name, phase, bar);
      list.append(item);
      const handle = uploader.upload(file, {
        onChange: (state) => {
          bar.value = state.progress;
          const step = state.step ? ` ${state.step.done}/${state.step.total}` : "";
          phase.textContent = `${state.phase}${step}`;
          item.dataset.phase = state.phase;
          if (state.uploadId && !item.dataset.upload) {
            item.dataset.upload = state.uploadId;
            refreshRows();
          }
          if (state.error && !item.querySelector(".err")) {
            const err = document.createElement("p");
            err.className = "err";
            err.setAttribute("role", "alert");
            err.dataset.code = state.error.code;
            err.textContent = state.error.message;
            item.append(err);
          }
        },
      });
      handle.done.then(refreshRows, refreshRows);
    }
  };
  input.addEventListener("change", () => {
    send([...input.files]);
    input.value = "";
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    send([...event.dataTransfer.files]);
  });
  document.addEventListener("paste", (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length) send(files);
  });
}
