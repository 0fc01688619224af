// The guidelines editor, enhanced: the preview follows the text as it is typed (rendered and
// sanitised by the server, so it shows exactly what will be published), and leaving the page
// with unsaved changes asks first. Without this script the form saves and previews on save.
const PREVIEW_DELAY = 400;
const form = document.querySelector("[data-guidelines-editor]");
const messages = JSON.parse(document.getElementById("guidelines-messages").textContent);
const body = form.querySelector("textarea[name=body]");
const preview = document.querySelector("[data-preview]");
const token = form.querySelector("input[name=csrf_token]").value;

let dirty = false;
let timer = null;
let latest = 0;

async function refresh() {
  const asked = ++latest;
  try {
    const response = await fetch(form.dataset.previewUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ text: body.value }),
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    if (asked === latest) preview.innerHTML = data.html; // sanitised by the server (nh3)
  } catch {
    if (asked === latest) preview.setAttribute("title", messages.failed);
  }
}

form.addEventListener("input", (event) => {
  dirty = true;
  if (event.target !== body) return;
  clearTimeout(timer);
  timer = setTimeout(refresh, PREVIEW_DELAY);
});
form.addEventListener("submit", () => { dirty = false; });

// Text typed before this script ran (a slow connection) fired no input event here: preview it now.
if (body.value !== body.defaultValue) {
  dirty = true;
  refresh();
}
window.addEventListener("beforeunload", (event) => {
  if (!dirty) return;
  event.preventDefault();
  event.returnValue = messages.unsaved;
});
