// The model panel: method, preset, confidence, one row per criterion (weight slider and
// number, both live), and the scenario's name and date.

import { h, byId, replace, keepFocus } from '../lib/dom.js';
import { today, criterionColour } from '../lib/format.js';

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
  byId('apply-preset').addEventListener('click', () => {
    const id = byId('preset').value;
    store.change(() => S.wb.apply_preset(id, today()), { what: 'Applying the preset' });
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

function renderModel() {
  if (!S.model) return;
  const m = S.model;
  const method = byId('method');
  replace(method, ...m.methods.map((x) => h('option', { value: x }, x)));
  method.value = m.method;
  const preset = byId('preset');
  if (!preset.options.length) {
    replace(preset, ...m.presets.map((p) => h('option', { value: p.id, title: p.description }, p.label)));
  }
  byId('use-confidence').checked = m.use_confidence;
  const name = byId('scenario-name');
  if (document.activeElement !== name) name.value = m.name;
  byId('as-of').value = m.as_of ?? '';
  const open = new Set([...byId('criteria').querySelectorAll('details[open]')].map((d) => d.dataset.id));
  keepFocus(byId('criteria'), () =>
    replace(byId('criteria'), ...m.criteria.map((c, k) => criterionRow(c, k, open.has(c.id)))));
}

function criterionRow(c, k, isOpen) {
  const number = h('input', { type: 'number', min: '0', step: 'any', value: c.weight, 'data-testid': `weight-${c.id}`,
    'aria-label': `${c.label} weight` });
  const slider = h('input', { type: 'range', min: '0', max: String(SLIDER_MAX), step: '0.1',
    value: Math.min(c.weight, SLIDER_MAX), 'aria-label': `${c.label} weight slider` });
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

  const details = h('details', { dataset: { id: c.id }, open: isOpen || null },
    h('summary', {}, 'settings'),
    h('p', { class: 'describe', text: c.description }),
    criterionForm(c, k, () => Number(number.value)));
  return h('div', { class: 'criterion', style: `--sw:${criterionColour(k)}` },
    h('div', { class: 'criterion-head' },
      h('span', { class: 'swatch', style: `background:${criterionColour(k)}`, 'aria-hidden': 'true' }),
      h('span', { class: 'criterion-name', title: c.label, text: c.label }),
      number),
    slider,
    details);
}

/** The criterion's settings as a small form; applied on change, refused edits explained. */
function criterionForm(c, k, currentWeight) {
  const errors = h('div', { class: 'field-error', role: 'alert' });
  const field = (label, input) => [h('label', { for: input.id, text: label }), input];
  const uid = (name) => `crit-${k}-${name}`;
  const select = (name, options, value) => h('select', { id: uid(name) },
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value ? true : null }, text)));
  const label = h('input', { type: 'text', id: uid('label'), value: c.label });
  const id = h('input', { type: 'text', id: uid('id'), value: c.id, readonly: true, title: 'Ids are fixed: requests refer to them' });
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
    ...field('Label', label), ...field('Id', id), ...field('Direction', direction), ...field('Scale', scale),
    ...field('Min', min), ...field('Max', max), ...field('Transform', transform), ...field('Value from', derive),
    ...field('Horizon (days)', horizon), errors, h('span', {}), remove);
}
