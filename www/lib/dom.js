// Building the page without HTML strings: every piece of user text reaches the page
// through text nodes (textContent), never through HTML parsing of strings. Used by every
// view; imports nothing.

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
  // (Only when scrolled: setting it forces a layout of everything just built.)
  if (scroll) container.scrollTop = scroll;
  if (!inside) return;
  const again = id ? document.getElementById(id)
    : label ? container.querySelector(`[aria-label="${CSS.escape(label)}"]`) : null;
  /** @type {HTMLElement | null} */ (again)?.focus();
}

/** How long a wait for a paint lasts where none may come (a hidden tab paints nothing). */
const PAINT_WAIT_MS = 250;

/**
 * Runs `fn` once the page has painted what this task drew and had a frame more for input
 * (the second frame from now), or after PAINT_WAIT_MS where nothing paints (a hidden tab).
 * @param {() => unknown} fn
 */
export function afterPaint(fn) {
  let done = false;
  const once = () => { if (!done) { done = true; fn(); } };
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(once, 0)));
  setTimeout(once, PAINT_WAIT_MS);
}

/** `afterPaint` as a promise. @returns {Promise<void>} */
export const nextPaint = () => new Promise((resolve) => afterPaint(resolve));

/** Downloads `text` as a file named `fileName` (through a blob: address, no network). */
export function download(text, fileName, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
