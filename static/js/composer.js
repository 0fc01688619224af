// The composer, enhanced: live counts as each platform counts, the overflow marked,
// autosave while typing and on leaving a field, conflicts shown, a warning before
// leaving unsaved text. Without this script the form still saves and submits.
import { configure, measure } from "./counting.js";

const AUTOSAVE_DELAY = 1200;
const root = document.querySelector("[data-composer]");
const config = JSON.parse(document.getElementById("composer-config").textContent);
configure(config.rules);

const form = root.querySelector("[data-composer-form]");
const revisionInput = form.querySelector("input[name=revision]");
const keepMineInput = form.querySelector("input[name=keep_mine]");
const statusLine = document.getElementById("composer-status");
const problemBox = document.getElementById("composer-problem");
const conflictBox = document.getElementById("composer-conflict");
const announcer = document.getElementById("composer-announce");
const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

let dirty = false;
let saving = false;
let saveAgain = false;
let inConflict = Boolean(conflictBox.querySelector("[data-conflict-mine]"));
let timer = null;

const parts = [...root.querySelectorAll("[data-part]")].map((element) => ({
  key: element.dataset.part,
  element,
  textarea: element.querySelector("[data-text]"),
  label: element.querySelector("[data-part-label]"),
  hint: element.querySelector("[data-counting-hint]"),
  counter: element.querySelector("[data-counter]"),
  count: element.querySelector("[data-count]"),
  note: element.querySelector("[data-count-note]"),
  backdrop: element.querySelector("[data-backdrop]"),
  overflow: element.querySelector("[data-overflow]"),
  overflowText: element.querySelector("[data-overflow-text]"),
  problem: element.querySelector("[data-part-problem]"),
  rule: { ...config.parts[element.dataset.part] },
  wasOver: null,
}));

function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
}

function countPart(part) {
  const text = part.textarea.value;
  const size = measure(text, part.rule.counting, part.rule.limit);
  const isOver = size.overflowAt !== null;
  if (part.rule.limit === null) {
    const template = size.length === 1 ? config.messages.wordsOne : config.messages.wordsMany;
    part.count.textContent = fill(template, { num: numbers.format(size.length) });
    part.note.textContent = part.rule.words || "";
  } else {
    part.count.textContent = `${numbers.format(size.length)} / ${numbers.format(size.limit)}`;
    const message = isOver ? config.messages.over : config.messages.left;
    part.note.textContent = fill(message, { count: numbers.format(Math.abs(size.limit - size.length)) });
  }
  part.counter.classList.toggle("composer__counter--over", isOver);
  markOverflow(part, text, isOver ? size.overflowAt : null);
  if (part.wasOver !== null && part.wasOver !== isOver) {
    const message = isOver ? config.messages.nowOver : config.messages.nowFits;
    announcer.textContent = fill(message, { part: part.label.textContent.trim() });
  }
  part.wasOver = isOver;
}

function markOverflow(part, text, at) {
  // The backdrop mirrors the text behind the transparent text area; only the overflow is visible there.
  part.backdrop.replaceChildren(document.createTextNode(at === null ? text : text.slice(0, at)));
  if (at !== null) {
    const mark = document.createElement("mark");
    mark.textContent = text.slice(at);
    part.backdrop.append(mark);
  }
  part.backdrop.append(document.createTextNode("\u200b"));
  part.backdrop.scrollTop = part.textarea.scrollTop;
  part.overflow.hidden = at === null;
  part.overflowText.textContent = at === null ? "" : text.slice(at);
}

function choosePlatform(key) {
  const platform = config.platforms[key];
  const part = parts.find((p) => p.key === "post");
  if (!platform || !part) return;
  part.rule = { counting: platform.counting, limit: platform.limit, words: platform.words };
  part.label.textContent = platform.label;
  part.hint.textContent = platform.hint;
  const where = root.querySelector('[data-preview="post"] [data-preview-where]');
  if (where) where.textContent = platform.name;
  root.querySelector('[data-preview="post"]')?.setAttribute("class", `post-preview post-preview--${key}`);
  countPart(part);
}

function payload() {
  const data = Object.fromEntries(new FormData(form));
  delete data.save;
  delete data.submit;
  return data;
}

function setStatus(text) {
  statusLine.textContent = text;
}

function showProblems(problems) {
  const general = problems[""] || problems.platform || "";
  problemBox.textContent = general;
  problemBox.hidden = !general;
  for (const part of parts) {
    const message = problems[part.key] || "";
    part.problem.textContent = message;
    part.problem.hidden = !message;
    part.element.classList.toggle("field--invalid", Boolean(message));
  }
}

async function save() {
  if (saving) {
    saveAgain = true;
    return;
  }
  if (inConflict || !dirty) return;
  saving = true;
  dirty = false;
  setStatus(config.messages.saving);
  try {
    const response = await fetch(config.autosaveUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": payload().csrf_token },
      body: JSON.stringify(payload()),
      credentials: "same-origin",
    });
    const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
    if (!isJson) {
      dirty = true;
      setStatus(config.messages.signedOut);
      return;
    }
    const answer = await response.json();
    if (response.ok) {
      saved(answer);
    } else if (response.status === 409) {
      dirty = true;
      showConflict(answer);
    } else {
      dirty = true;
      showProblems(answer.problems || {});
      setStatus(config.messages.unsaved);
    }
  } catch {
    dirty = true;
    setStatus(config.messages.failed);
  } finally {
    saving = false;
    if (saveAgain) {
      saveAgain = false;
      schedule(0);
    }
  }
}

function saved(answer) {
  revisionInput.value = answer.revision;
  keepMineInput.value = "";
  statusLine.innerHTML = answer.status; // rendered and escaped by the server
  root.querySelector("#composer-hints").innerHTML = answer.hints; // rendered and escaped by the server
  for (const [key, html] of Object.entries(answer.previews)) {
    const body = root.querySelector(`[data-preview="${key}"] [data-preview-body]`);
    if (body) body.innerHTML = html; // rendered by the server, the Markdown sanitised (nh3)
  }
  showProblems({});
  if (dirty) schedule(AUTOSAVE_DELAY);
}

function showConflict(answer) {
  inConflict = true;
  conflictBox.innerHTML = answer.conflict; // rendered and escaped by the server
  bindConflict(answer.revision);
  conflictBox.querySelector("#conflict")?.focus();
  setStatus(config.messages.unsaved);
}

function bindConflict(theirRevision) {
  const actions = conflictBox.querySelector("[data-conflict-actions]");
  if (!actions) return;
  actions.hidden = false;
  conflictBox.querySelector("[data-conflict-mine]").addEventListener("click", () => {
    revisionInput.value = theirRevision;
    keepMineInput.value = "1";
    inConflict = false;
    conflictBox.replaceChildren();
    dirty = true;
    save();
  });
  conflictBox.querySelector("[data-conflict-theirs]").addEventListener("click", () => {
    dirty = false; // the writer chose the saved text: reloading must not warn
  });
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(save, delay);
}

for (const part of parts) {
  part.textarea.addEventListener("input", () => {
    dirty = true;
    setStatus(config.messages.unsaved);
    countPart(part);
    schedule(AUTOSAVE_DELAY);
  });
  part.textarea.addEventListener("change", () => schedule(0));
  part.textarea.addEventListener("blur", () => dirty && schedule(0));
  part.textarea.addEventListener("scroll", () => {
    part.backdrop.scrollTop = part.textarea.scrollTop;
  });
  countPart(part);
}

for (const radio of form.querySelectorAll("[data-platform-choice]")) {
  radio.addEventListener("change", () => {
    choosePlatform(radio.value);
    dirty = true;
    schedule(0);
  });
  if (radio.checked) choosePlatform(radio.value);
}

if (inConflict) bindConflict(revisionInput.value);

// Text typed before this script ran (a slow connection) fired no input event here: save it now.
if (!inConflict && parts.some((part) => part.textarea.value !== part.textarea.defaultValue)) {
  dirty = true;
  setStatus(config.messages.unsaved);
  schedule(0);
}

form.addEventListener("submit", () => {
  clearTimeout(timer);
  dirty = false; // the text travels with the form
});

window.addEventListener("beforeunload", (event) => {
  if (dirty || saving) {
    event.preventDefault();
    event.returnValue = config.messages.leave;
  }
});

root.classList.add("composer--live");
