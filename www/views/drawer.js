// A request's drawer: first why it ranks where it does (what made it #n, each criterion's
// part, every derived number written out), then its fields as a form (validated by Rust as
// you type, applied when a field is complete and valid).

import { h, byId, replace } from '../lib/dom.js';
import { fmt, criterionColour, PIN_CHOICES, STATUS_WORDS, reasonInWords } from '../lib/format.js';
import { toast } from '../notices.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** The scenario revision and generation the form was built from. */
let formRevision = -1;
let formGen = -1;
/** Set while the drawer applies its own edit: the form is already up to date. */
let selfEdit = false;
/** @type {HTMLElement | null} */ let returnFocus = null;

/**
 * Mounts the drawer: it shows `state.drawer` (opened, moved and closed through the store).
 * Clicking outside does not close it: the PM may be comparing with the ranking.
 * @param {import('../store.js').Store} theStore
 */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  store.subscribe('drawer', () => {
    if (S.drawer) build(S.drawer.index);
    else hide();
  });
  store.subscribe('data', sync);
}

function hide() {
  const drawer = byId('drawer');
  if (drawer.hidden) return;
  // Say so when the drawer closes on changes that were refused (they are not applied).
  const refused = [...drawer.querySelectorAll('.field-error')].map((e) => e.textContent).filter(Boolean);
  if (refused.length) toast(`Not applied: ${refused.join('; ')}`);
  drawer.hidden = true;
  if (returnFocus?.isConnected) returnFocus.focus();
  else /** @type {HTMLElement | null} */ (document.querySelector('#ranking'))?.focus();
}

/**
 * Keeps the drawer on its request after any change (the store follows it by id, and closes
 * the drawer when it is gone): rebuilds the form when the scenario changed under it (undo,
 * another edit, the model), and otherwise refreshes the explanation (a weight moved).
 */
function sync() {
  const d = S.drawer;
  if (!d) return;
  const drawer = byId('drawer');
  if (selfEdit || (S.revision === formRevision && S.gen === formGen)) {
    selfEdit = false;
    formRevision = S.revision;
    drawer.querySelector('.explain')?.replaceWith(explanation(d.index));
    const header = drawer.querySelector('header h2');
    if (header) header.textContent = `${S.requests[d.index].id} · ${S.requests[d.index].title}`;
    return;
  }
  const focused = document.activeElement?.id;
  build(d.index);
  if (focused) /** @type {HTMLElement | null} */ (document.getElementById(focused))?.focus();
}

/** Shows request `index` in a fresh form. */
function build(index) {
  const drawer = byId('drawer');
  if (drawer.hidden) returnFocus = /** @type {HTMLElement} */ (document.activeElement);
  formRevision = S.revision;
  formGen = S.gen;
  const original = S.wb.request(index);
  const form = requestForm(index, original);
  replace(drawer,
    h('header', {},
      h('h2', { text: `${original.id} · ${original.title}` }),
      h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Close (Esc)', onclick: () => store.close() }, '✕')),
    h('div', { class: 'body' }, explanation(index), form),
    h('footer', {},
      h('button', { type: 'button', class: 'ghost', onclick: () => {
        const i = store.change(() => S.wb.duplicate_request(index), { what: 'Duplicating' });
        if (i !== undefined) store.open(i);
      } }, 'Duplicate'),
      h('button', { type: 'button', class: 'ghost danger', onclick: () => {
        const title = original.title;
        const saved = JSON.stringify(S.wb.request(index));
        const scenario = S.id;
        if (store.change(() => { S.wb.remove_request(index); return true; }, { what: 'Deleting' })) {
          store.close();
          store.select(-1);
          // Undo puts this request back (a new, undoable edit), whatever was changed since.
          toast(`Deleted "${title}".`, ['Undo', () => {
            if (S.id !== scenario || !S.wb) return;
            store.change(() => S.wb.put_request(S.wb.request_count(), saved), { what: 'Restoring the request' });
          }]);
        }
      } }, 'Delete'),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', onclick: () => store.close() }, 'Done')));
  drawer.hidden = false;
  // The title field has the focus (type to rename); the explanation above it stays in view.
  /** @type {HTMLElement | null} */ (drawer.querySelector('.form-grid input'))?.focus({ preventScroll: true });
  drawer.querySelector('.body').scrollTop = 0;
}

function explanation(index) {
  const e = S.wb.explain(index);
  const r = S.requests[index];
  const archived = r.status === 'done' || r.status === 'declined';
  const scored = e.score !== null && e.score !== undefined;
  const headline = archived ? `Not ranked: ${r.status} (archived requests take no part in the ranking or the plan)`
    : scored ? `Rank ${e.rank} of ${S.order.length} · score ${fmt(e.score, 2)}`
      : e.rank ? `Rank ${e.rank} of ${S.order.length}, not scored` : 'Not ranked';
  const unscorable = S.notes.unscorable.find((u) => u.request === index);
  return h('section', { class: 'explain', 'aria-label': 'Why it ranks here', 'data-testid': 'explain' },
    h('p', { class: 'headline' }, h('strong', { text: headline }),
      ` · confidence ${fmt(e.confidence, 2)}`),
    scored ? h('p', { class: 'why', 'data-testid': 'why-rank', text: whyRank(index) }) : null,
    !scored && !archived && e.rank ? h('p', { class: 'why bad', text: `It cannot be scored: ${unscorable ? reasonInWords(unscorable, S.model.criteria) : 'a value the method cannot use'}. It is ranked after every scored request.` }) : null,
    e.value !== null && e.value !== undefined
      ? h('p', { class: 'value-line' }, `Value ${fmt(e.value, 2)} `,
        h('span', { class: 'muted', text: '— the score of the benefit criteria alone (costs left out): what the plan adds up within the capacity, and the height in the chart.' }))
      : null,
    h('p', { class: 'formula', text: e.formula }),
    h('ul', { class: 'parts' }, ...e.parts.map((p, k) => h('li', { class: S.weights[k] > 0 ? '' : 'at-zero' },
      h('span', { class: 'swatch', style: `background:${criterionColour(k)}`, 'aria-hidden': 'true' }),
      h('span', {}, p.derivation,
        p.scaling ? ` — ${p.scaling}` : '',
        p.contribution !== null && p.contribution !== undefined ? h('strong', { text: ` — contributes ${fmt(p.contribution, 2)}` }) : '',
        S.weights[k] > 0 ? '' : h('span', { class: 'muted', text: ' (weight 0: takes no part)' }))))),
    e.flags.length ? h('p', { class: 'formula', text: `Flags: ${e.flags.join(', ')}` }) : null);
}

/**
 * What put request `i` where it is, in one or two sentences: where most of its score
 * comes from, and how it compares with its neighbour above (or, for #1, below),
 * criterion by criterion (weighted sums), or by score alone.
 */
function whyRank(i) {
  const k = S.k;
  const pos = S.order.indexOf(i);
  const other = pos === 0 ? S.order[1] : S.order[pos - 1];
  const label = (c_) => S.model.criteria[c_].label;
  const sentences = [];
  const contribution = (j, c_) => S.contributions[j * k + c_];
  if (S.contributions.length) {
    const mine = S.model.criteria.map((_, c_) => c_).filter((c_) => S.weights[c_] > 0 && contribution(i, c_) > 0)
      .sort((a, b) => contribution(i, b) - contribution(i, a)).slice(0, 2);
    if (mine.length) sentences.push(`Most of its score comes from ${mine.map((c_) => `${label(c_)} (${fmt(contribution(i, c_), 1)})`).join(' and ')}.`);
  }
  if (other !== undefined && !Number.isNaN(S.scores[other])) {
    const them = S.requests[other];
    const gap = S.scores[i] - S.scores[other];
    const lead = pos === 0 ? `It is first, ${fmt(Math.abs(gap), 1)} ahead of #2 ${them.id} “${them.title}” (${fmt(S.scores[other], 1)})`
      : `It is ${fmt(Math.abs(gap), 1)} behind #${S.ranks[other]} ${them.id} “${them.title}” (${fmt(S.scores[other], 1)})`;
    if (S.contributions.length) {
      const diffs = S.model.criteria.map((_, c_) => [c_, contribution(i, c_) - contribution(other, c_)])
        .filter(([c_, d]) => S.weights[c_] > 0 && Math.abs(d) >= 0.05);
      const gains = diffs.filter(([, d]) => d > 0).sort((a, b) => b[1] - a[1]).slice(0, 2);
      const losses = diffs.filter(([, d]) => d < 0).sort((a, b) => a[1] - b[1]).slice(0, 2);
      const say = (list) => list.map(([c_, d]) => `${label(c_)} ${d > 0 ? '+' : '−'}${fmt(Math.abs(d), 1)}`).join(', ');
      const parts = [gains.length ? `more on ${say(gains)}` : '', losses.length ? `less on ${say(losses)}` : ''].filter(Boolean);
      sentences.push(`${lead}${parts.length ? `: ${parts.join('; ')}` : ''}.`);
    } else {
      sentences.push(`${lead}.`);
    }
  }
  return sentences.join(' ');
}

/** Builds the form; `original` is the request as the file holds it (unknown fields too). */
function requestForm(index, original) {
  const m = S.model;
  const errors = new Map(); // field key → error element
  const inputs = new Map(); // field key → input(s)
  const uid = (key) => `req-${key.replace(/[^a-z0-9]/gi, '-')}`;
  const errorEl = (key) => {
    const el = h('div', { class: 'field-error wide', id: `${uid(key)}-error`, 'aria-live': 'polite' });
    errors.set(key, el);
    return el;
  };
  const row = (label, key, input) => {
    inputs.set(key, input);
    input.id ??= uid(key);
    if (input.tagName) input.setAttribute('aria-describedby', `${uid(key)}-error`);
    return [h('label', { for: input.id || uid(key), text: label }), input, errorEl(key)];
  };

  const id = h('input', { type: 'text', id: uid('id'), value: original.id });
  const title = h('input', { type: 'text', id: uid('title'), value: original.title });
  const description = h('textarea', { id: uid('description') });
  description.value = original.description ?? '';
  const bucket = h('select', { id: uid('bucket') }, h('option', { value: '' }, '— none —'),
    ...(m.buckets ?? []).map((b) => h('option', { value: b.id, selected: b.id === original.bucket ? true : null }, b.label ?? b.id)));
  const deadline = h('input', { type: 'date', id: uid('deadline'), value: original.deadline ?? '' });
  const confidence = h('input', { type: 'number', id: uid('confidence'), min: '0', max: '1', step: '0.05',
    value: original.confidence ?? '', placeholder: '1' });
  const plan = h('select', { id: uid('plan') },
    ...PIN_CHOICES.map(([v, t]) =>
      h('option', { value: v, selected: (original.plan ?? '') === v ? true : null }, t)));
  const tags = h('input', { type: 'text', id: uid('tags'), value: (original.tags ?? []).join(', '), placeholder: 'comma, separated' });
  const status = h('select', { id: uid('status'), 'data-testid': 'status' },
    ...(m.statuses ?? STATUS_WORDS).map((w) => h('option', { value: w, selected: (original.status ?? 'open') === w ? true : null },
      w === 'done' || w === 'declined' ? `${w} (archived: not ranked)` : w)));

  // Values: a number, or low / likely / high.
  const valueRows = m.criteria.map((c) => {
    // Own properties only: a criterion id is the PM's text ("__proto__" included).
    const v = original.values && Object.hasOwn(original.values, c.id) ? original.values[c.id] : undefined;
    const isRange = v !== null && typeof v === 'object';
    const single = h('input', { type: 'number', step: 'any', id: uid(`values.${c.id}`),
      value: typeof v === 'number' ? v : '', placeholder: c.derive ? 'derived' : 'missing' });
    const low = h('input', { type: 'number', step: 'any', 'aria-label': `${c.label} low`, value: isRange ? v.low : '' });
    const likely = h('input', { type: 'number', step: 'any', 'aria-label': `${c.label} likely`, value: isRange ? v.likely : '' });
    const high = h('input', { type: 'number', step: 'any', 'aria-label': `${c.label} high`, value: isRange ? v.high : '' });
    const rangeBox = h('span', { class: 'range-inputs' }, low, likely, high);
    const toggle = h('input', { type: 'checkbox', checked: isRange, 'aria-label': `${c.label} as a range` });
    const holder = h('span', { class: 'range-inputs' }, isRange ? rangeBox : single,
      h('label', { class: 'muted', title: 'low / likely / high' }, toggle, ' range'));
    toggle.addEventListener('change', () => {
      holder.firstChild.replaceWith(toggle.checked ? rangeBox : single);
      if (toggle.checked && single.value !== '') { low.value = likely.value = high.value = single.value; }
      if (!toggle.checked && likely.value !== '') single.value = likely.value;
      validate(true);
    });
    const read = () => {
      if (toggle.checked) {
        if (low.value === '' && likely.value === '' && high.value === '') return undefined;
        return { ...(isRange ? v : {}), low: num(low.value), likely: num(likely.value), high: num(high.value) };
      }
      return single.value === '' ? undefined : num(single.value);
    };
    return { c, holder, read, single };
  });

  // Asks.
  const askBody = h('tbody');
  const askRows = [];
  const addAsk = (ask = {}) => {
    const account = h('select', { 'aria-label': 'Account' }, h('option', { value: '' }, '— anonymous —'),
      ...(m.accounts ?? []).map((a) => h('option', { value: a.id, selected: a.id === ask.account ? true : null }, a.name ?? a.id)));
    const count = h('input', { type: 'number', min: '1', step: '1', 'aria-label': 'How many', value: ask.count ?? '', placeholder: '1' });
    const source = h('select', { 'aria-label': 'Relayed by' }, h('option', { value: '' }, '— no team —'),
      ...(m.sources ?? []).map((s) => h('option', { value: s.id, selected: s.id === ask.source ? true : null },
        `${s.label ?? s.id} (${s.credibility ?? 1})`)));
    const note = h('input', { type: 'text', 'aria-label': 'Note', value: ask.note ?? '' });
    const entry = { ask, account, count, source, note, tr: /** @type {HTMLElement | null} */ (null) };
    const syncCount = () => { count.disabled = account.value !== ''; if (count.disabled) count.value = ''; };
    syncCount();
    account.addEventListener('change', syncCount);
    entry.tr = h('tr', {},
      h('td', {}, account), h('td', { style: 'width:64px' }, count), h('td', {}, source), h('td', {}, note),
      h('td', {}, h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Remove this ask', onclick: () => {
        askRows.splice(askRows.indexOf(entry), 1);
        entry.tr?.remove();
        validate(true);
      } }, '✕')));
    askRows.push(entry);
    askBody.append(entry.tr);
  };
  for (const ask of original.asks ?? []) addAsk(ask);

  const build = () => {
    const r = { ...original };
    r.id = id.value;
    r.title = title.value;
    setOpt(r, 'description', description.value || undefined);
    setOpt(r, 'bucket', bucket.value || undefined);
    // Keyed by criterion id, which is the PM's text: a Map, made an object (own properties,
    // "__proto__" too) only for the JSON.
    const values = new Map();
    for (const v of valueRows) { const x = v.read(); if (x !== undefined) values.set(v.c.id, x); }
    setOpt(r, 'values', values.size ? Object.fromEntries(values) : undefined);
    const asks = askRows.map((e) => {
      const a = { ...e.ask };
      setOpt(a, 'account', e.account.value || undefined);
      setOpt(a, 'count', e.account.value || e.count.value === '' ? undefined : num(e.count.value));
      setOpt(a, 'source', e.source.value || undefined);
      setOpt(a, 'note', e.note.value || undefined);
      return a;
    });
    setOpt(r, 'asks', asks.length ? asks : undefined);
    setOpt(r, 'deadline', deadline.value || undefined);
    setOpt(r, 'confidence', confidence.value === '' ? undefined : num(confidence.value));
    setOpt(r, 'plan', plan.value || undefined);
    // "open" is the default: written only when the file had it.
    setOpt(r, 'status', status.value === 'open' && original.status === undefined ? undefined : status.value);
    const tagList = tags.value.split(',').map((t) => t.trim()).filter(Boolean);
    setOpt(r, 'tags', tagList.length ? tagList : undefined);
    return r;
  };

  /** Checks the form with Rust; applies it when `apply` and there is no problem. */
  const validate = (apply) => {
    const json = JSON.stringify(build());
    const problems = S.wb.check_request(index, json);
    for (const el of errors.values()) el.textContent = '';
    for (const input of inputs.values()) input.removeAttribute?.('aria-invalid');
    if (problems.length) {
      for (const p of problems) {
        // steps: ['requests', i, field, …]; a value's field is `values.<criterion id>`.
        const [, , field, sub] = p.steps;
        const key = field === 'values' && typeof sub === 'string' ? `values.${sub}`
          : typeof field === 'string' ? field : 'title';
        const el = errors.get(key) ?? errors.get('title');
        if (el) el.textContent += (el.textContent ? '\n' : '') + p.message;
        inputs.get(key)?.setAttribute?.('aria-invalid', 'true');
      }
      return;
    }
    if (apply) {
      selfEdit = true;
      // `follow`: the drawer follows the request if its id changes.
      if (store.change(() => { S.wb.put_request(index, json); return true; }, { what: 'Saving the request', follow: id.value }) === undefined) {
        selfEdit = false;
      }
    }
  };

  const grid = h('div', { class: 'form-grid' },
    ...row('Title', 'title', title),
    ...row('Id', 'id', id),
    ...row('Description', 'description', description),
    ...row('Bucket', 'bucket', bucket),
    ...row('Status', 'status', status),
    h('h2', { class: 'wide' }, 'Values'),
    ...valueRows.flatMap((v) => row(v.c.label, `values.${v.c.id}`, v.holder)),
    h('h2', { class: 'wide' }, 'Who asks'),
    h('div', { class: 'wide' },
      h('table', { class: 'asks' },
        h('thead', {}, h('tr', {}, ...['Account', 'Count', 'Relayed by', 'Note', ''].map((t) => h('th', { class: 'muted', text: t })))),
        askBody),
      h('button', { type: 'button', class: 'small ghost', onclick: () => {
        addAsk();
        // The new ask's first field has the focus.
        /** @type {HTMLElement | null} */ (askBody.lastElementChild?.querySelector('select'))?.focus();
      } }, '+ ask')),
    errorEl('asks'),
    h('h2', { class: 'wide' }, 'Planning'),
    ...row('Deadline', 'deadline', deadline),
    ...row('Confidence', 'confidence', confidence),
    ...row('Plan', 'plan', plan),
    ...row('Tags', 'tags', tags));
  grid.addEventListener('input', () => validate(false));
  grid.addEventListener('change', () => validate(true));
  return grid;
}

function num(text) {
  const x = Number(text);
  return text.trim() === '' || Number.isNaN(x) ? text : x;
}

function setOpt(obj, key, value) {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}
