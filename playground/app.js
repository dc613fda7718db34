// The playground page: an editor, the findings of the real brevo_schema package (run in Pyodide,
// loaded from this folder, nothing from the network), Fix with its diff shown first, each rule's
// documentation, a permalink carrying the payload in the URL fragment, and the bundled examples.
"use strict";

const $ = (id) => document.getElementById(id);
const editor = $("editor");
const backdrop = $("backdrop");
const gutter = $("gutter");
const state = { py: null, page: null, findings: [], active: -1, timer: 0, proposal: null, checked: null };

// What the browser test and the timing measurements read.
window.playground = { ready: false, firstVerdictMs: null, lastCheckMs: null, checks: 0 };

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function setStatus(text) {
  $("status").textContent = text;
}

// The payload in the fragment: #kind=order&payload=<base64url of UTF-8>; never sent to a server.
function encodePayload(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodePayload(encoded) {
  const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function fromFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const payload = params.get("payload");
  if (payload === null) return null;
  try {
    return { text: decodePayload(payload), kind: params.get("kind") || "" };
  } catch (error) {
    return null;
  }
}

function permalink() {
  const params = new URLSearchParams();
  if ($("kind").value) params.set("kind", $("kind").value);
  params.set("payload", encodePayload(editor.value));
  const url = `${location.href.split("#")[0]}#${params}`;
  history.replaceState(null, "", url);
  if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
  setStatus("Permalink in the address bar (and copied): the payload stays in the fragment");
}

// Editor: line numbers and the highlighted places, kept under the textarea.
function renderGutter() {
  const lines = editor.value.split("\n").length;
  let out = "";
  for (let i = 1; i <= lines; i++) out += i + "\n";
  gutter.textContent = out;
}

function renderMarks() {
  const text = editor.value;
  const ranges = state.findings
    .map((f, i) => ({ start: f.start, end: Math.max(f.end, f.start + 1), severity: f.severity, i }))
    .filter((r) => r.start !== null && r.start <= text.length)
    .sort((a, b) => a.start - b.start || (a.i === state.active ? -1 : 1));
  let html = "";
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue; // overlapping places: the first one shown
    const end = Math.min(r.end, text.length);
    const cls = r.i === state.active ? "active" : r.severity;
    html += escapeHtml(text.slice(at, r.start));
    html += `<mark class="${cls}" data-finding="${r.i}">${escapeHtml(text.slice(r.start, end) || " ")}</mark>`;
    at = Math.max(end, r.start);
  }
  html += escapeHtml(text.slice(at)) + "\n";
  backdrop.innerHTML = html;
  syncScroll();
}

function syncScroll() {
  backdrop.scrollTop = editor.scrollTop;
  backdrop.scrollLeft = editor.scrollLeft;
  gutter.scrollTop = editor.scrollTop;
}

function renderFindings(result) {
  const verdict = $("verdict");
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const warnings = result.findings.length - errors;
  const kind = result.kind ? `${result.kind}` : "no kind";
  verdict.className = result.ok ? "ok" : "bad";
  verdict.textContent = result.ok
    ? `OK (${kind})${warnings ? `: ${warnings} warning${warnings > 1 ? "s" : ""}` : ": Brevo will take it"}`
    : `${errors} error${errors > 1 ? "s" : ""}${warnings ? `, ${warnings} warning${warnings > 1 ? "s" : ""}` : ""} (${kind})`;
  const list = $("findings");
  list.innerHTML = "";
  result.findings.forEach((f, i) => {
    const li = document.createElement("li");
    li.className = `finding ${f.severity}`;
    li.dataset.rule = f.rule;
    li.dataset.line = f.line ?? "";
    li.dataset.index = i;
    const where = f.line !== null ? `${f.line}:${f.column}` : f.pointer || "/";
    li.innerHTML =
      `<div class="head"><span class="where">${escapeHtml(where)}</span>` +
      `<span class="severity">${f.severity}</span><span class="rule">${escapeHtml(f.rule)}</span>` +
      (f.fixable ? `<span class="fixable">fixable</span>` : "") +
      `<button class="doc" type="button" title="what this rule checks, and why">rule ?</button></div>` +
      `<p class="message">${escapeHtml(f.message)}</p>` +
      (f.hint ? `<p class="hint">${escapeHtml(f.hint)}</p>` : "") +
      (f.pointer ? `<div class="head"><code class="pointer">${escapeHtml(f.pointer)}</code></div>` : "");
    li.addEventListener("click", (event) => {
      if (event.target.classList.contains("doc")) showRule(f.rule);
      else goTo(i);
    });
    list.appendChild(li);
  });
  $("fix").disabled = !result.findings.some((f) => f.fixable);
}

function goTo(index) {
  const f = state.findings[index];
  state.active = index;
  document.querySelectorAll(".finding").forEach((li) => li.classList.toggle("active", +li.dataset.index === index));
  renderMarks();
  if (f.start === null) return;
  editor.focus();
  editor.setSelectionRange(f.start, f.start);
  const line = editor.value.slice(0, f.start).split("\n").length;
  const lineHeight = 20;
  const top = (line - 1) * lineHeight;
  if (top < editor.scrollTop || top > editor.scrollTop + editor.clientHeight - 2 * lineHeight) {
    editor.scrollTop = Math.max(0, top - editor.clientHeight / 3);
  }
  syncScroll();
}

// Python: the page's module (page.py) over the installed wheel.
function analyse(text, kind) {
  return JSON.parse(state.page.analyse(text, kind || null));
}

function check() {
  if (!state.page) return;
  const text = editor.value;
  const kind = $("kind").value;
  const started = performance.now();
  let result;
  try {
    result = analyse(text, kind);
  } catch (error) {
    setStatus(`The check failed: ${error}`); // a bug in the page or the package: say it, never hang
    window.playground.error = String(error);
    return;
  }
  const took = performance.now() - started;
  state.findings = result.findings;
  state.active = -1;
  state.checked = text;
  renderFindings(result);
  renderMarks();
  window.playground.lastCheckMs = took;
  window.playground.checkedText = text;
  window.playground.checks += 1;
  if (window.playground.firstVerdictMs === null) window.playground.firstVerdictMs = performance.now();
  setStatus(`Checked in ${took.toFixed(0)} ms`);
}

function scheduleCheck() {
  renderGutter();
  renderMarks();
  clearTimeout(state.timer);
  state.timer = setTimeout(check, 250);
}

function showRule(rule) {
  const doc = state.page.rule_doc(rule);
  $("rule-doc").textContent = doc || `${rule}: no documentation for this id`;
  $("rule-dialog").showModal();
}

function proposeFix() {
  const proposal = JSON.parse(state.page.propose_fix(editor.value, $("kind").value || null));
  state.proposal = proposal;
  const applied = $("fix-applied");
  applied.innerHTML = "";
  for (const f of proposal.applied) {
    const li = document.createElement("li");
    li.innerHTML = `<code>${escapeHtml(f.rule)}</code> at <code>${escapeHtml(f.pointer)}</code>: ${escapeHtml(f.message)}`;
    applied.appendChild(li);
  }
  const lines = proposal.diff.split("\n").map((line) => {
    const cls = line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "";
    return cls ? `<span class="${cls}">${escapeHtml(line)}</span>` : escapeHtml(line) + "\n";
  });
  $("diff").innerHTML = proposal.applied.length ? lines.join("") : "Nothing here has an unambiguous fix.";
  $("fix-apply").disabled = !proposal.applied.length;
  $("fix-dialog").showModal();
}

function applyFix() {
  if (!state.proposal || !state.proposal.applied.length) return;
  editor.value = state.proposal.text;
  state.proposal = null;
  renderGutter();
  check();
}

async function loadExample(name) {
  const response = await fetch(`examples/${encodeURIComponent(name)}`);
  editor.value = await response.text();
  editor.scrollTop = 0;
  renderGutter();
  check();
}

async function start() {
  const info = await (await fetch("build.json")).json();
  for (const name of info.examples) $("examples").add(new Option(name, name));
  const linked = fromFragment();
  if (linked) {
    editor.value = linked.text;
  } else {
    const first = info.examples.includes("bad-order-batch.json") ? "bad-order-batch.json" : info.examples[0];
    if (first) editor.value = await (await fetch(`examples/${first}`)).text();
  }
  renderGutter();
  renderMarks();

  const stages = (window.playground.stages = { page: performance.now() });
  const base = new URL(".", location.href).href;
  const [py, wheel] = await Promise.all([
    loadPyodide({ indexURL: `${base}pyodide/`, fullStdLib: false }),
    fetch(info.wheel).then((r) => r.arrayBuffer()),
  ]);
  stages.runtime = performance.now();
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  py.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  py.FS.writeFile("/home/pyodide/page.py", await (await fetch("page.py")).text());
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
  state.py = py;
  state.page = py.pyimport("page");
  stages.imported = performance.now();
  for (const kind of JSON.parse(state.page.kinds())) $("kind").add(new Option(kind, kind));
  if (linked && linked.kind) $("kind").value = linked.kind;
  window.playground.version = state.page.version();
  window.playground.pyodide = info.pyodide;
  window.playground.analyse = (text, kind) => analyse(text, kind);
  check();
  window.playground.ready = true;
}

editor.addEventListener("input", scheduleCheck);
editor.addEventListener("scroll", syncScroll);
$("kind").addEventListener("change", check);
$("examples").addEventListener("change", (event) => {
  if (event.target.value) loadExample(event.target.value);
  event.target.value = "";
});
$("fix").addEventListener("click", proposeFix);
$("fix-apply").addEventListener("click", applyFix);
$("permalink").addEventListener("click", permalink);
window.addEventListener("hashchange", () => {
  const linked = fromFragment();
  if (linked && linked.text !== editor.value) {
    editor.value = linked.text;
    if (linked.kind) $("kind").value = linked.kind;
    renderGutter();
    check();
  }
});
start().catch((error) => {
  setStatus(`Could not start Python: ${error}`);
  window.playground.error = String(error);
});
