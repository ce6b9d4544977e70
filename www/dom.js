// Building the page without HTML strings: every piece of user text reaches the page
// through text nodes (textContent), never through HTML parsing of strings.

/**
 * Creates an element. `attrs` keys: `class`, `text` (textContent), `on<event>` handlers,
 * `dataset` (object), `style` (set through the CSSOM), anything else is set with setAttribute (null/false skips it).
 * Children may be nodes, strings (added as text), or null.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|null|undefined|false)} children
 * @returns {any} an HTMLElement (typed loosely: callers use input, select… properties)
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // Through the CSSOM: the Content-Security-Policy forbids style attributes.
    else if (key === 'style') el.style.cssText = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') /** @type {HTMLInputElement} */ (el).value = String(value);
    else if (key === 'checked') /** @type {HTMLInputElement} */ (el).checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** An SVG element (same rules as `h`). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    else if (key === 'style') /** @type {SVGElement} */ (el).style.cssText = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {any[]} children */
function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's children. @param {Element} el @param {...any} children */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** @param {string} id @returns {any} */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

/** One decimal unless more is needed; tabular figures are the stylesheet's job. */
export function fmt(x, digits = 1) {
  if (!Number.isFinite(x)) return '—';
  if (x !== 0 && Math.abs(x) < 0.05 && digits <= 2) return x.toPrecision(2);
  const abs = Math.abs(x);
  if (abs >= 1e6) return `${(x / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/** A file name from a scenario name. */
export function slug(name) {
  const s = name.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return (s || 'scenario').slice(0, 80);
}

/** Today as YYYY-MM-DD (local time). */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Runs `render`, which rebuilds `container`, and puts the focus back on the element that
 * had it (found again by id or aria-label), so keyboard users keep their place.
 * @param {HTMLElement} container @param {() => void} render
 */
export function keepFocus(container, render) {
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const inside = active && container.contains(active) ? active : null;
  const id = inside?.id;
  const label = inside?.getAttribute('aria-label');
  const scroll = container.scrollTop;
  render();
  container.scrollTop = scroll;
  if (!inside) return;
  const again = id ? document.getElementById(id)
    : label ? container.querySelector(`[aria-label="${CSS.escape(label)}"]`) : null;
  /** @type {HTMLElement | null} */ (again)?.focus();
}
