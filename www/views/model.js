// The model panel: method, preset (a preview says what applying it will do before it is
// done, in one undoable step), confidence, one row per criterion (weight slider and number,
// both live; its scale in a few words, and a warning where a relative scale means adding
// requests moves the others), and the scenario's name, date and currency. On a phone the
// panel folds away behind a button.

import { h, byId, replace, keepFocus } from '../lib/dom.js';
import { today, criterionColour, fmt } from '../lib/format.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

const SLIDER_MAX = 10;

/**
 * Mounts the model panel; returns what the scenario menu needs of it (Rename…).
 * @param {import('../store.js').Store} theStore
 */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  // During a weight gesture the panel is left alone (its own inputs are what moves).
  store.subscribe('data', ({ structural, live }) => { if (structural || !live) renderModel(); });
  byId('method').addEventListener('change', (ev) => {
    const v = /** @type {HTMLSelectElement} */ (ev.target).value;
    store.change(() => S.wb.set_method(v), { what: 'Changing the method' });
  });
  byId('use-confidence').addEventListener('change', (ev) => {
    const v = /** @type {HTMLInputElement} */ (ev.target).checked;
    store.change(() => S.wb.set_use_confidence(v), { what: 'Changing confidence' });
  });
  byId('apply-preset').addEventListener('click', () => previewPreset(byId('preset').value));
  byId('preset-cancel').addEventListener('click', () => byId('preset-preview').close());
  byId('preset-confirm').addEventListener('click', () => {
    const dialog = byId('preset-preview');
    const id = dialog.dataset.preset;
    dialog.close();
    // One undoable step: the criteria, their weights, the method.
    store.change(() => S.wb.apply_preset(id, today()), { what: 'Applying the preset' });
    byId('apply-preset').focus();
  });
  byId('currency').addEventListener('change', (ev) => {
    const input = /** @type {HTMLInputElement} */ (ev.target);
    const v = input.value.trim().toUpperCase();
    input.value = v;
    if (v === (S.model.currency ?? '')) return;
    const done = store.change(() => { S.wb.set_currency(v || undefined); return true; }, {
      onError: (message) => {
        // A refused code never stays in the field looking accepted.
        input.value = S.model.currency ?? '';
        input.setAttribute('aria-invalid', 'true');
        byId('currency-note').textContent = message;
      },
    });
    if (done) {
      input.removeAttribute('aria-invalid');
      byId('currency-note').textContent = CURRENCY_NOTE;
    }
  });
  // On a phone the panel folds away; this button opens and closes it.
  const toggle = byId('model-toggle');
  toggle.addEventListener('click', () => {
    const open = !byId('workspace').classList.contains('model-open');
    byId('workspace').classList.toggle('model-open', open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Model & weights ▴' : 'Model & weights ▾';
  });
  byId('scenario-name').addEventListener('change', (ev) => {
    const v = /** @type {HTMLInputElement} */ (ev.target).value.trim() || 'Untitled scenario';
    store.change(() => S.wb.set_name(v), { what: 'Renaming' });
  });
  byId('as-of').addEventListener('change', (ev) => {
    const v = /** @type {HTMLInputElement} */ (ev.target).value;
    store.change(() => S.wb.set_as_of(v || undefined), { what: 'Changing the date' });
  });
  byId('add-criterion').addEventListener('click', () => {
    const n = S.model.criteria.length + 1;
    let id = `criterion-${n}`;
    while (S.model.criteria.some((c) => c.id === id)) id += '-x';
    store.change(() => S.wb.put_item('model.criteria', S.model.criteria.length,
      JSON.stringify({ id, label: `Criterion ${n}`, direction: 'benefit', weight: 1, scale: 'fixed', min: 0, max: 10 })),
    { what: 'Adding a criterion' });
    // Open the new criterion's settings.
    const rows = byId('criteria').querySelectorAll('details');
    rows[rows.length - 1]?.setAttribute('open', '');
  });
  return {
    /** Puts the focus in the scenario's name, its text selected (Rename…). */
    focusName() {
      const input = byId('scenario-name');
      input.focus();
      input.select();
    },
  };
}

const CURRENCY_NOTE = 'The currency ARR is counted in (ISO code: EUR, USD, GBP…); it changes no score.';

/** Shows what applying preset `id` will do, and waits for the PM to confirm it. @param {string} id */
function previewPreset(id) {
  let preview;
  try {
    preview = S.wb.preview_preset(id);
  } catch (e) {
    store.change(() => { throw e; }, { what: 'Applying the preset' });
    return;
  }
  const preset = S.model.presets.find((p) => p.id === id);
  const dialog = byId('preset-preview');
  dialog.dataset.preset = id;
  byId('preset-preview-title').textContent = `Apply “${preset?.label ?? id}”?`;
  replace(byId('preset-preview-body'),
    h('p', { class: 'muted', text: preset?.description ?? '' }),
    h('p', {}, `Method: ${preview.method}. Nothing is deleted: criteria the preset does not use stay, at weight 0, and come back with another preset. Undo takes it all back in one step.`),
    h('ul', { class: 'preview-lines', 'data-testid': 'preset-lines' }, ...preview.lines.map((line) => h('li', { text: line }))));
  if (!dialog.open) dialog.showModal();
  byId('preset-confirm').focus();
}

function renderModel() {
  if (!S.model) return;
  const m = S.model;
  const method = byId('method');
  replace(method, ...m.methods.map((x) => h('option', { value: x }, x)));
  method.value = m.method;
  const preset = byId('preset');
  if (!preset.options.length) {
    // The default preset's label lists six criteria: the menu says "Default" (the preview says the rest).
    replace(preset, ...m.presets.map((p) => h('option', { value: p.id, title: `${p.label}: ${p.description}` }, p.id === 'default' ? 'Default' : p.label)));
  }
  byId('use-confidence').checked = m.use_confidence;
  const name = byId('scenario-name');
  if (document.activeElement !== name) name.value = m.name;
  byId('as-of').value = m.as_of ?? '';
  const currency = byId('currency');
  if (document.activeElement !== currency) currency.value = m.currency ?? '';
  const open = new Set([...byId('criteria').querySelectorAll('details[open]')].map((d) => d.dataset.id));
  keepFocus(byId('criteria'), () =>
    replace(byId('criteria'), ...m.criteria.map((c, k) => criterionRow(c, k, open.has(c.id)))));
}

function criterionRow(c, k, isOpen) {
  // The weight now (the model view's is as of the last change to anything but weights).
  const weight = S.weights[k] ?? c.weight;
  const number = h('input', { type: 'number', min: '0', step: 'any', value: weight, 'data-testid': `weight-${c.id}`,
    'aria-label': `${c.label} weight` });
  const slider = h('input', { type: 'range', min: '0', max: String(SLIDER_MAX), step: '0.1',
    value: Math.min(weight, SLIDER_MAX), 'aria-label': `${c.label} weight slider` });
  const setWeight = (w, from) => {
    if (!(w >= 0) || !Number.isFinite(w)) { number.setAttribute('aria-invalid', 'true'); return; }
    number.removeAttribute('aria-invalid');
    if (!store.setWeight(k, w)) return;
    if (from !== number) number.value = String(w);
    if (from !== slider) slider.value = String(Math.min(w, SLIDER_MAX));
  };
  const endGesture = () => store.commitWeights();
  slider.addEventListener('input', () => setWeight(Number(slider.value), slider));
  slider.addEventListener('change', endGesture);
  number.addEventListener('input', () => { if (number.value !== '') setWeight(Number(number.value), number); });
  number.addEventListener('change', endGesture);

  const relative = S.model.method === 'weighted-sum' && c.scale !== 'fixed';
  const details = h('details', { dataset: { id: c.id }, open: isOpen || null },
    h('summary', {}, scaleWords(c)),
    h('p', { class: 'describe', text: c.description }),
    criterionForm(c, k, () => Number(number.value)));
  return h('div', { class: `criterion${S.weights[k] > 0 ? '' : ' at-zero'}`, style: `--sw:${criterionColour(k)}`, 'data-criterion': c.id },
    h('div', { class: 'criterion-head' },
      h('span', { class: 'swatch', style: `background:${criterionColour(k)}`, 'aria-hidden': 'true' }),
      h('span', { class: 'criterion-name', title: c.label, text: c.label }),
      number),
    slider,
    relative ? h('p', { class: 'relative-note', 'data-testid': 'relative-note' },
      `Relative scale (${SCALE_WORDS.get(c.scale) ?? c.scale}): adding or changing requests moves the others' scores. A fixed scale keeps them still.`) : null,
    details);
}

const SCALE_WORDS = new Map([['minmax', 'lowest to highest of these requests'], ['max', 'share of the highest'], ['sum', 'share of the total']]);

/** The criterion's scale in a few words, for its settings' summary: "fixed 0–50, log · settings". */
function scaleWords(c) {
  if (S.model.method !== 'weighted-sum') return 'settings';
  const how = c.scale === 'fixed' ? `fixed ${fmt(c.min ?? 0, 2)}–${fmt(c.max ?? 1, 2)}` : 'relative';
  return `${how}${c.transform === 'log' ? ', log' : ''} · settings`;
}

/** The criterion's settings as a small form; applied on change, refused edits explained. */
function criterionForm(c, k, currentWeight) {
  const errors = h('div', { class: 'field-error', role: 'alert' });
  const field = (label, input) => [h('label', { for: input.id, text: label }), input];
  const uid = (name) => `crit-${k}-${name}`;
  const select = (name, options, value) => h('select', { id: uid(name) },
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value ? true : null }, text)));
  const label = h('input', { type: 'text', id: uid('label'), value: c.label });
  // Not a field: ids are fixed (requests refer to them), so they are not a tab stop either.
  const id = h('code', { class: 'fixed-id', id: uid('id'), title: 'Ids are fixed: requests refer to them', text: c.id });
  const direction = select('direction', [['benefit', 'benefit (more is better)'], ['cost', 'cost (less is better)']], c.direction);
  const scale = select('scale', [['fixed', 'fixed range'], ['minmax', 'min–max of the requests'], ['max', 'share of the highest'], ['sum', 'share of the total']], c.scale);
  const min = h('input', { type: 'number', step: 'any', id: uid('min'), value: c.min ?? '' });
  const max = h('input', { type: 'number', step: 'any', id: uid('max'), value: c.max ?? '' });
  const transform = select('transform', [['linear', 'linear'], ['log', 'log: ln(1 + x)']], c.transform);
  const derive = select('derive', [['', 'entered per request'], ['asks-count', 'count of asks'], ['asks-arr', 'ARR of the asking accounts'], ['deadline', 'from the deadline']], c.derive ?? '');
  const horizon = h('input', { type: 'number', min: '1', step: '1', id: uid('horizon'), value: c.horizon_days });
  const apply = () => {
    // Start from the criterion as the file holds it (fields this version does not know
    // stay), with the weight as it is now (weights move without re-reading the model).
    const item = { ...(S.model.criteria_raw?.[k] ?? {}) };
    Object.assign(item, { id: c.id, label: label.value, direction: direction.value, weight: currentWeight(),
      scale: scale.value, transform: transform.value });
    for (const key of ['min', 'max', 'derive', 'horizon_days']) delete item[key];
    if (min.value !== '') item.min = Number(min.value);
    if (max.value !== '') item.max = Number(max.value);
    if (derive.value) item.derive = derive.value;
    if (derive.value === 'deadline') item.horizon_days = Number(horizon.value);
    // A refused edit is explained here, next to the fields, not in a banner.
    errors.textContent = '';
    store.change(() => S.wb.put_item('model.criteria', k, JSON.stringify(item)),
      { onError: (message) => { errors.textContent = message; } });
  };
  for (const el of [label, direction, scale, min, max, transform, derive, horizon]) el.addEventListener('change', apply);
  const remove = h('button', { type: 'button', class: 'small ghost danger',
    onclick: () => store.change(() => S.wb.remove_item('model.criteria', k), { what: `Removing "${c.label}"` }) },
    'Remove criterion');
  return h('div', { class: 'edit-grid' },
    ...field('Label', label), h('span', { class: 'muted', text: 'Id' }), id, ...field('Direction', direction), ...field('Scale', scale),
    ...field('Min', min), ...field('Max', max), ...field('Transform', transform), ...field('Value from', derive),
    ...field('Horizon (days)', horizon), errors, h('span', {}), remove);
}
