// The PM's saved scenarios, in this browser's IndexedDB. No DOM: the store (store.js)
// decides when to save and what to tell the PM; this module keeps the records, checks
// revisions and says what happened. Imports nothing.
//
// Database "thresh", version 2 (version 1 had no "exports"; opening a version 1 database
// adds that store and changes nothing else). Record shapes:
//
//   object store "scenarios" (keyPath "id") — one record per scenario:
//     { id:      string,        e.g. "s1" (migrated) or "s-lq3k9x-4f2a1c" (made here)
//       rev:     number,        1 at the first write; +1 at every committed write of this
//                               record (save, move to the trash, restore)
//       name:    string,        the scenario's name, for the list
//       text:    string,        the scenario file as Workbench.export() writes it — or, when
//                               damaged, the bytes as they were found
//       saved:   number,        when the last write committed (ms since 1970)
//       deleted: number | null, when it was moved to the trash (null: not in the trash)
//       damaged: string | null, why it cannot be opened; a damaged record is listed, never
//                               overwritten
//       from:    string | null  the old localStorage key it was copied from, if any }
//
//   object store "meta" (keyPath "key") — small records:
//     { key: "list", heads: Head[] }  every scenario's record without its text (plus its
//         size), in the order they were first saved: the list is read without reading the
//         texts. Written in the same transaction as the record it describes.
//     { key: "settings", current: string | null   the scenario open when the page was left,
//         persistAsked: number | null   when navigator.storage.persist() was asked,
//         persisted: boolean | null     its answer (null: not available),
//         migrated: {at: number, keys: number} | null   when the old localStorage data was
//         copied here (and how many keys) }
//
//     { key: "sheet-mapping:<hash>", headers: string[], maps: string[], options: object,
//         saved: number }  a CSV import's mapping (views/import.js), under a hash of its
//         header set (lib/sheets.js headerKey), so the same tool's next export maps itself
//
//   object store "aside" (autoIncrement, keyPath "n") — data found damaged, kept as it was:
//     { n: number, from: string (where it was found, e.g. "thresh.v1.index"),
//       text: string, why: string, at: number }
//
//   object store "exports" (autoIncrement, keyPath "n"; since version 2) — the files
//   exported of each scenario, the last EXPORTS_KEPT of each (fewer for very large
//   scenarios: EXPORTS_BUDGET characters, the latest always kept), so that a colleague's
//   edited copy can be merged against the version that was sent (its base):
//     { n: number, scenario: string (the scenario's id), at: number (when exported),
//       file: string (the file name offered), name: string (the scenario's name then),
//       text: string (the file, byte for byte as downloaded) }
//   with, in "meta", { key: "exports:<scenario id>", heads: ExportHead[] } listing them
//   without their texts, oldest first, written in the same transaction.
//
// Rules:
// - Every write is one `readwrite` transaction with {durability: 'strict'}, and a write
//   resolves only on the transaction's `complete` (the data is on disk); on `abort` it
//   rejects — with an error named QuotaExceededError when the disk or quota is full, also
//   when that is only found at commit.
// - save() is a compare-and-set: it writes only if the stored revision is the one the
//   caller names (0: the record must not exist yet); otherwise it writes nothing and
//   returns the stored head, so the caller can tell the PM.
// - Every committed save, move to the trash, restore and purge is announced on the
//   BroadcastChannel "thresh.storage" as {type, id, rev, tab} to the other tabs.
// - Deleting moves a record to the trash (deleted = now); purgeTrash() removes what has
//   been there longer than TRASH_DAYS, and a scenario deleted for good takes its exports.
// - Opening migrates the old localStorage data (keys thresh.v1.index,
//   thresh.v1.scenario.<id>, thresh.v1.aside.<n>): copy, verify by reading back, mark the
//   old data migrated (localStorage thresh.v1.migrated), and only then delete the old keys.
//   Unreadable data is kept aside (the index) or kept as a damaged record (a scenario),
//   byte for byte. A copy that fails or does not verify deletes nothing; it is tried again
//   at the next start.

const DB_NAME = 'thresh';
const DB_VERSION = 2;
/** Exports remembered per scenario (the oldest is dropped when one more is made)… */
const EXPORTS_KEPT = 20;
/** …and characters of them, so that a scenario of 100,000 requests (40 MB a file) keeps its latest two, not 800 MB. */
const EXPORTS_BUDGET = 100_000_000;
const CHANNEL = 'thresh.storage';
/** Days a deleted scenario stays in the trash. */
export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;
const OLD_INDEX = 'thresh.v1.index';
const OLD_SCENARIO = 'thresh.v1.scenario.';
const OLD_ASIDE = 'thresh.v1.aside.';
const OLD_MARK = 'thresh.v1.migrated';

/**
 * @typedef {object} ScenarioRecord
 * @property {string} id
 * @property {number} rev
 * @property {string} name
 * @property {string} text
 * @property {number} saved
 * @property {number | null} deleted
 * @property {string | null} damaged
 * @property {string | null} from
 *
 * @typedef {object} Head  a scenario as the list shows it: its record without the text
 * @property {string} id
 * @property {number} rev
 * @property {string} name
 * @property {number} saved
 * @property {number | null} deleted
 * @property {string | null} damaged
 * @property {number} size  characters of text
 *
 * @typedef {object} ExportHead  an export remembered with its scenario, without its text
 * @property {number} n  its key in "exports"
 * @property {number} at  when it was exported (ms since 1970)
 * @property {string} file  the file name offered
 * @property {string} name  the scenario's name then
 * @property {number} size  characters of text
 *
 * @typedef {object} Settings
 * @property {string | null} current
 * @property {number | null} persistAsked
 * @property {boolean | null} persisted
 * @property {{at: number, keys: number} | null} migrated
 *
 * @typedef {object} AsideRecord
 * @property {number} [n]
 * @property {string} from
 * @property {string} text
 * @property {string} why
 * @property {number} at
 *
 * @typedef {object} Change  what another tab committed (BroadcastChannel message)
 * @property {'saved' | 'deleted' | 'restored' | 'purged'} type
 * @property {string} id  the record's id
 * @property {number} rev  its new revision (0: purged, gone)
 * @property {string} tab  the tab that wrote it
 *
 * @typedef {{ok: true, rev: number} | {ok: false, stored: Head | null}} SaveResult
 *   ok: committed at `rev`. Not ok: nothing was written, because the stored record is not
 *   at the revision named (`stored`: what is there now; null: there is no such record)
 *
 * @typedef {(text: string) => {name: string} | {damaged: string}} Check
 *   reads a scenario's text: its name, or why it cannot be opened
 *
 * @typedef {object} SheetMapping  a CSV import's mapping, remembered per header set
 * @property {string} key
 * @property {string[]} headers  the header set, as found
 * @property {string[]} maps  `HEADER=TARGET` for each column the PM mapped
 * @property {{delimiter?: string | null, decimal?: string | null, date_order?: string | null, encoding?: string | null}} options  what the PM chose
 * @property {number} saved  when (ms since 1970)
 *
 * @typedef {Awaited<ReturnType<typeof openStorage>>} ScenarioStorage
 */

const DEFAULT_SETTINGS = Object.freeze({ current: null, persistAsked: null, persisted: null, migrated: null });

/** An error of the storage, named as the browser named it (QuotaExceededError, …). */
export class StorageError extends Error {
  /** @param {string} name @param {string} message */
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

/** Whether `e` says the storage is full. @param {unknown} e */
export function isQuotaError(e) {
  const name = /** @type {any} */ (e)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** @param {unknown} e @returns {StorageError} */
function storageError(e) {
  if (e instanceof StorageError) return e;
  const err = /** @type {any} */ (e);
  if (isQuotaError(err)) {
    return new StorageError('QuotaExceededError', 'the browser\'s storage for this page is full');
  }
  const name = typeof err?.name === 'string' && err.name ? err.name : 'Error';
  const message = typeof err?.message === 'string' && err.message ? err.message : String(e ?? 'unknown failure');
  return new StorageError(name, `the browser's storage failed (${name}: ${message})`);
}

/** A new scenario id, unlikely to be taken by any tab. */
export function newScenarioId() {
  const random = Math.floor(Math.random() * 2 ** 32).toString(36);
  return `s-${Date.now().toString(36)}-${random}`;
}

/** @param {ScenarioRecord} r @returns {Head} */
function headOf(r) {
  return { id: r.id, rev: r.rev, name: r.name, saved: r.saved, deleted: r.deleted, damaged: r.damaged, size: r.text.length };
}

// ----- IndexedDB in promises -----

/** @template T @param {IDBRequest<T>} request @returns {Promise<T>} */
function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** A transaction body's way to end the transaction without writing anything, with a result. */
class Abandon {
  /** @param {any} value */
  constructor(value) { this.value = value; }
}

/**
 * Runs `body` in one transaction and resolves with what it returned once the transaction
 * has completed (for 'readwrite': committed with strict durability, so on disk). A body
 * that returns an Abandon aborts the transaction and resolves with its value; a body that
 * throws, a failed request, or an abort by the browser (a full disk found at commit)
 * rejects with a StorageError. `body` must await only requests of this transaction.
 * @template T
 * @param {IDBDatabase} db @param {string[]} stores @param {IDBTransactionMode} mode
 * @param {(tx: IDBTransaction) => Promise<T | Abandon>} body
 * @returns {Promise<T>}
 */
function transact(db, stores, mode, body) {
  return new Promise((resolve, reject) => {
    /** @type {IDBTransaction} */
    let tx;
    try {
      tx = mode === 'readwrite' ? db.transaction(stores, mode, { durability: 'strict' }) : db.transaction(stores, mode);
    } catch (e) {
      reject(storageError(e));
      return;
    }
    /** @type {any} */ let result;
    /** @type {Abandon | null} */ let abandoned = null;
    /** @type {unknown} */ let failure = null;
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => (abandoned ? resolve(abandoned.value) : reject(storageError(failure ?? tx.error ?? new StorageError('AbortError', 'the write was abandoned'))));
    body(tx).then((value) => {
      if (value instanceof Abandon) {
        abandoned = value;
        tx.abort();
      } else {
        result = value;
      }
    }, (e) => {
      failure = e;
      try { tx.abort(); } catch { /* already finished: onabort reports it */ }
    });
  });
}

/** @param {string} name @returns {Promise<IDBDatabase>} */
function openDatabase(name) {
  return new Promise((resolve, reject) => {
    /** @type {IDBOpenDBRequest} */
    let request;
    try {
      request = indexedDB.open(name, DB_VERSION);
    } catch (e) {
      reject(storageError(e));
      return;
    }
    // From nothing, or from version 1 (which lacks "exports"): each store that is missing
    // is made; what a store holds is never touched by an upgrade.
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('scenarios')) db.createObjectStore('scenarios', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta', { keyPath: 'key' });
      if (!db.objectStoreNames.contains('aside')) db.createObjectStore('aside', { keyPath: 'n', autoIncrement: true });
      if (!db.objectStoreNames.contains('exports')) db.createObjectStore('exports', { keyPath: 'n', autoIncrement: true });
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the page, opened in another tab, needs this connection closed.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(storageError(request.error));
    request.onblocked = () => reject(new StorageError('BlockedError', 'another tab holds an older version of the saved data open; close it and reload'));
  });
}

/** The list record's heads (rebuilt from the records when the list is missing). @param {IDBTransaction} tx @returns {Promise<Head[]>} */
async function readHeads(tx) {
  const list = await done(tx.objectStore('meta').get('list'));
  if (list && Array.isArray(list.heads)) return list.heads;
  /** @type {ScenarioRecord[]} */
  const records = await done(tx.objectStore('scenarios').getAll());
  return records.map(headOf);
}

/**
 * Puts `heads` (replacing the entries with the same id, appending new ones) and removes the
 * ids in `remove`, in the list record.
 * @param {IDBTransaction} tx @param {Head[]} heads @param {string[]} [remove]
 */
async function updateList(tx, heads, remove = []) {
  const list = await readHeads(tx);
  const byId = new Map(list.map((h) => [h.id, h]));
  for (const id of remove) byId.delete(id);
  for (const h of heads) byId.set(h.id, h);
  tx.objectStore('meta').put({ key: 'list', heads: [...byId.values()] });
}

/** @param {IDBTransaction} tx @returns {Promise<Settings>} */
async function readSettings(tx) {
  const s = await done(tx.objectStore('meta').get('settings'));
  return { ...DEFAULT_SETTINGS, ...(s ?? {}) };
}

/** @param {string} id */
const exportsKey = (id) => `exports:${id}`;

/** A scenario's export heads, oldest first. @param {IDBTransaction} tx @param {string} id @returns {Promise<ExportHead[]>} */
async function readExportHeads(tx, id) {
  const r = await done(tx.objectStore('meta').get(exportsKey(id)));
  return r && Array.isArray(r.heads) ? r.heads : [];
}

/** Forgets a scenario's exports (it is deleted for good). @param {IDBTransaction} tx @param {string} id */
async function dropExports(tx, id) {
  for (const h of await readExportHeads(tx, id)) tx.objectStore('exports').delete(h.n);
  tx.objectStore('meta').delete(exportsKey(id));
}

// ----- the storage -----

/**
 * Opens the saved scenarios (creating the database on first use) and migrates the old
 * localStorage data, if any. `notices`: what the PM should be told about damaged data
 * found (and kept) during the migration.
 * @param {{check: Check, localStorage?: Storage | null, name?: string}} options
 */
export async function openStorage({ check, localStorage = oldStorage(), name = DB_NAME }) {
  const db = await openDatabase(name);
  const tab = newScenarioId().slice(2);
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;

  /** @param {Omit<Change, 'tab'>} change */
  const announce = (change) => {
    try { channel?.postMessage({ ...change, tab }); } catch { /* the channel is closed: nobody to tell */ }
  };

  const storage = {
    /** What the opening found damaged (and kept), as sentences for the PM. @type {string[]} */
    notices: /** @type {string[]} */ ([]),

    /** Every scenario's head, trash and damaged ones included, in the order first saved. @returns {Promise<Head[]>} */
    list() {
      return transact(db, ['meta', 'scenarios'], 'readonly', readHeads);
    },

    /** A scenario's record, or null. @param {string} id @returns {Promise<ScenarioRecord | null>} */
    load(id) {
      return transact(db, ['scenarios'], 'readonly', async (tx) => (await done(tx.objectStore('scenarios').get(id))) ?? null);
    },

    /**
     * Writes a scenario's text under `id` if the stored record is at revision `expected`
     * (0: if there is none yet), and is neither in the trash nor damaged. Resolves once
     * committed. Throws a StorageError (isQuotaError: the storage is full).
     * @param {string} id @param {{name: string, text: string}} content @param {number} expected
     * @returns {Promise<SaveResult>}
     */
    async save(id, { name, text }, expected) {
      const saved = Date.now();
      /** @type {SaveResult} */
      const out = await transact(db, ['scenarios', 'meta'], 'readwrite', async (tx) => {
        const store = tx.objectStore('scenarios');
        /** @type {ScenarioRecord | undefined} */
        const old = await done(store.get(id));
        if (old?.damaged) throw new StorageError('DataError', 'that place holds damaged data, which is never overwritten');
        if ((old?.rev ?? 0) !== expected || old?.deleted) return new Abandon({ ok: false, stored: old ? headOf(old) : null });
        /** @type {ScenarioRecord} */
        const record = { id, rev: expected + 1, name, text, saved, deleted: null, damaged: null, from: old?.from ?? null };
        store.put(record);
        await updateList(tx, [headOf(record)]);
        return { ok: true, rev: record.rev };
      });
      if (out.ok) announce({ type: 'saved', id, rev: out.rev });
      return out;
    },

    /**
     * Moves a scenario to the trash (it stays there TRASH_DAYS days). Resolves with its
     * new revision, or null when there is no such scenario.
     * @param {string} id @returns {Promise<number | null>}
     */
    trash(id) {
      return mark(id, 'deleted', (r) => { r.deleted = Date.now(); });
    },

    /** Takes a scenario out of the trash. @param {string} id @returns {Promise<number | null>} */
    restore(id) {
      return mark(id, 'restored', (r) => { r.deleted = null; });
    },

    /** Deletes a scenario in the trash for good. @param {string} id */
    async purge(id) {
      const gone = await transact(db, ['scenarios', 'meta', 'exports'], 'readwrite', async (tx) => {
        const r = await done(tx.objectStore('scenarios').get(id));
        if (!r || r.deleted === null) return new Abandon(false);
        tx.objectStore('scenarios').delete(id);
        await updateList(tx, [], [id]);
        await dropExports(tx, id);
        return true;
      });
      if (gone) announce({ type: 'purged', id, rev: 0 });
      return gone;
    },

    /**
     * Deletes for good what has been in the trash longer than TRASH_DAYS (at `now`).
     * Resolves with the ids deleted.
     * @param {number} [now]
     * @returns {Promise<string[]>}
     */
    async purgeTrash(now = Date.now()) {
      const before = now - TRASH_DAYS * DAY_MS;
      const heads = await storage.list();
      if (!heads.some((h) => h.deleted !== null && h.deleted < before)) return [];
      const ids = await transact(db, ['scenarios', 'meta', 'exports'], 'readwrite', async (tx) => {
        const gone = [];
        for (const h of await readHeads(tx)) {
          if (h.deleted === null || h.deleted >= before) continue;
          // The record, not the list, says whether it is still in the trash.
          const r = await done(tx.objectStore('scenarios').get(h.id));
          if (r && r.deleted !== null && r.deleted < before) {
            tx.objectStore('scenarios').delete(h.id);
            await dropExports(tx, h.id);
            gone.push(h.id);
          }
        }
        await updateList(tx, [], gone);
        return gone;
      });
      for (const id of ids) announce({ type: 'purged', id, rev: 0 });
      return ids;
    },

    /**
     * Remembers a file exported of scenario `id` (its text as downloaded), dropping the
     * oldest beyond EXPORTS_KEPT (or EXPORTS_BUDGET characters). Resolves with its head
     * once committed.
     * @param {string} id @param {{file: string, name: string, text: string, at?: number}} file
     * @returns {Promise<ExportHead>}
     */
    addExport(id, { file, name, text, at = Date.now() }) {
      return transact(db, ['exports', 'meta'], 'readwrite', async (tx) => {
        const n = /** @type {number} */ (await done(tx.objectStore('exports').add({ scenario: id, at, file, name, text })));
        /** @type {ExportHead} */
        const head = { n, at, file, name, size: text.length };
        const heads = [...await readExportHeads(tx, id), head];
        let size = heads.reduce((sum, x) => sum + x.size, 0);
        while (heads.length > 1 && (heads.length > EXPORTS_KEPT || size > EXPORTS_BUDGET)) {
          const old = /** @type {ExportHead} */ (heads.shift());
          size -= old.size;
          tx.objectStore('exports').delete(old.n);
        }
        tx.objectStore('meta').put({ key: exportsKey(id), heads });
        return head;
      });
    },

    /** The exports remembered of scenario `id`, the latest first. @param {string} id @returns {Promise<ExportHead[]>} */
    async exports(id) {
      const heads = await transact(db, ['meta'], 'readonly', (tx) => readExportHeads(tx, id));
      return heads.reverse();
    },

    /** An export's text, or null when it is no longer kept. @param {number} n @returns {Promise<string | null>} */
    exportText(n) {
      return transact(db, ['exports'], 'readonly', async (tx) => (await done(tx.objectStore('exports').get(n)))?.text ?? null);
    },

    /** @returns {Promise<Settings>} */
    settings() {
      return transact(db, ['meta'], 'readonly', readSettings);
    },

    /** Changes some settings. @param {Partial<Settings>} patch */
    setSettings(patch) {
      return transact(db, ['meta'], 'readwrite', async (tx) => {
        const s = await readSettings(tx);
        tx.objectStore('meta').put({ ...s, ...patch, key: 'settings' });
      });
    },

    /**
     * The CSV mapping remembered under `key` (a hash of a header set), or null.
     * @param {string} key @returns {Promise<SheetMapping | null>}
     */
    sheetMapping(key) {
      return transact(db, ['meta'], 'readonly', async (tx) => (await done(tx.objectStore('meta').get(`sheet-mapping:${key}`))) ?? null);
    },

    /** Remembers a CSV mapping under `key`. @param {string} key @param {Omit<SheetMapping, 'key' | 'saved'>} mapping */
    setSheetMapping(key, mapping) {
      return transact(db, ['meta'], 'readwrite', async (tx) => {
        tx.objectStore('meta').put({ ...mapping, saved: Date.now(), key: `sheet-mapping:${key}` });
      });
    },

    /** What was kept aside as found. @returns {Promise<AsideRecord[]>} */
    aside() {
      return transact(db, ['aside'], 'readonly', (tx) => done(tx.objectStore('aside').getAll()));
    },

    /** Calls `fn` with every change another tab commits. @param {(change: Change) => void} fn */
    onChange(fn) {
      channel?.addEventListener('message', (ev) => {
        const c = ev.data;
        if (c && typeof c === 'object' && c.tab !== tab && typeof c.id === 'string') fn(c);
      });
    },

    /** Whether other tabs are told of this tab's writes (and this tab of theirs). */
    get channel() { return channel !== null; },

    close() {
      channel?.close();
      db.close();
    },
  };

  /**
   * Changes a record's place (trash or not) in one transaction; its revision moves on.
   * @param {string} id @param {'deleted' | 'restored'} type @param {(r: ScenarioRecord) => void} fn
   * @returns {Promise<number | null>}
   */
  async function mark(id, type, fn) {
    const rev = await transact(db, ['scenarios', 'meta'], 'readwrite', async (tx) => {
      /** @type {ScenarioRecord | undefined} */
      const r = await done(tx.objectStore('scenarios').get(id));
      if (!r) return new Abandon(null);
      fn(r);
      r.rev += 1;
      tx.objectStore('scenarios').put(r);
      await updateList(tx, [headOf(r)]);
      return r.rev;
    });
    if (rev !== null) announce({ type, id, rev });
    return rev;
  }

  if (localStorage) {
    try {
      storage.notices.push(...await migrate(db, localStorage, check));
    } catch (e) {
      storage.notices.push(`The scenarios saved by the earlier version of Thresh could not be moved to the new storage (${storageError(e).message}). They are kept where they were, untouched, and the move is tried again the next time this page opens.`);
    }
  }
  return storage;
}

// ----- the move from localStorage -----

/** This page's localStorage, or null where it cannot be used (reading it may throw). */
function oldStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The old data's keys, in localStorage's order. @param {Storage} ls */
function oldKeys(ls) {
  const keys = [];
  for (let i = 0; i < ls.length; i++) {
    const k = ls.key(i);
    if (k !== null && (k === OLD_INDEX || k.startsWith(OLD_SCENARIO) || k.startsWith(OLD_ASIDE))) keys.push(k);
  }
  return keys;
}

/**
 * Reads the old index: the names by id, and the scenario open last.
 * @param {string} text
 * @returns {{names: Map<string, string>, current: string | null} | {why: string}}
 */
function parseOldIndex(text) {
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { why: `not valid JSON: ${/** @type {Error} */ (e).message}` };
  }
  if (!v || typeof v !== 'object' || !Array.isArray(v.scenarios)) return { why: 'it has no list of scenarios' };
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const item of v.scenarios) {
    if (!item || typeof item.id !== 'string' || !item.id) return { why: 'an entry has no id' };
    names.set(item.id, typeof item.name === 'string' ? item.name : item.id);
  }
  return { names, current: typeof v.current === 'string' ? v.current : null };
}

/**
 * Copies the old localStorage data into the database (once: what is already copied is
 * recognised, byte for byte, and not copied again), verifies the copy by reading it back,
 * marks the old data migrated, and only then deletes the old keys. Returns notices.
 * @param {IDBDatabase} db @param {Storage} ls @param {Check} check
 * @returns {Promise<string[]>}
 */
async function migrate(db, ls, check) {
  const keys = oldKeys(ls);
  if (!keys.length) return [];
  /** @type {Map<string, string>} */
  const old = new Map();
  for (const k of keys) {
    const v = ls.getItem(k);
    if (v !== null) old.set(k, v);
  }
  const notices = [];
  const now = Date.now();

  /** @type {Map<string, string>} */
  let names = new Map();
  let current = null;
  /** @type {AsideRecord[]} */
  const asides = [];
  const indexText = old.get(OLD_INDEX);
  if (indexText !== undefined) {
    const parsed = parseOldIndex(indexText);
    if ('why' in parsed) {
      asides.push({ from: OLD_INDEX, text: indexText, why: `the list of saved scenarios could not be read (${parsed.why})`, at: now });
      notices.push(`The list of saved scenarios could not be read (${parsed.why}). It was kept aside unchanged, and the list was rebuilt from the scenarios found.`);
    } else {
      names = parsed.names;
      current = parsed.current;
    }
  }
  for (const [k, text] of old) {
    if (k.startsWith(OLD_ASIDE)) asides.push({ from: k, text, why: 'kept aside by an earlier version of Thresh', at: now });
  }

  // What is already in the database: a copy made before (same id, same bytes) is not made again.
  const existing = await transact(db, ['scenarios', 'meta', 'aside'], 'readonly', async (tx) => {
    /** @type {Map<string, string>} */
    const texts = new Map();
    for (const k of old.keys()) {
      if (!k.startsWith(OLD_SCENARIO)) continue;
      const r = await done(tx.objectStore('scenarios').get(k.slice(OLD_SCENARIO.length)));
      if (r) texts.set(r.id, r.text);
    }
    /** @type {AsideRecord[]} */
    const kept = await done(tx.objectStore('aside').getAll());
    return { texts, kept, settings: await readSettings(tx) };
  });

  /** @type {ScenarioRecord[]} */
  const records = [];
  /** @type {Map<string, string>} old id → the id of its copy */
  const copies = new Map();
  for (const [k, text] of old) {
    if (!k.startsWith(OLD_SCENARIO)) continue;
    const oldId = k.slice(OLD_SCENARIO.length);
    const there = existing.texts.get(oldId);
    if (there === text) { copies.set(oldId, oldId); continue; }
    const id = there === undefined && oldId ? oldId : newScenarioId();
    const verdict = check(text);
    const name = 'name' in verdict ? verdict.name : (names.get(oldId) ?? oldId);
    const damaged = 'damaged' in verdict ? verdict.damaged : null;
    if (damaged !== null) {
      notices.push(`The saved scenario "${names.get(oldId) ?? oldId}" could not be read (${damaged}). It is kept as it was, never overwritten, and listed as damaged.`);
    }
    records.push({ id, rev: 1, name, text, saved: now, deleted: null, damaged, from: k });
    copies.set(oldId, id);
  }
  const newAsides = asides.filter((a) => !existing.kept.some((b) => b.from === a.from && b.text === a.text));

  // Copy.
  await transact(db, ['scenarios', 'meta', 'aside'], 'readwrite', async (tx) => {
    for (const r of records) tx.objectStore('scenarios').put(r);
    for (const a of newAsides) tx.objectStore('aside').add(a);
    await updateList(tx, records.map(headOf));
    const settings = await readSettings(tx);
    const wasCurrent = current !== null ? copies.get(current) ?? null : null;
    tx.objectStore('meta').put({
      ...settings,
      key: 'settings',
      current: settings.current ?? wasCurrent,
      migrated: { at: now, keys: old.size },
    });
  });

  // Verify: read every copy back.
  const verified = await transact(db, ['scenarios', 'aside'], 'readonly', async (tx) => {
    for (const [k, text] of old) {
      if (!k.startsWith(OLD_SCENARIO)) continue;
      const id = copies.get(k.slice(OLD_SCENARIO.length));
      const r = id === undefined ? undefined : await done(tx.objectStore('scenarios').get(id));
      if (!r || r.text !== text) return false;
    }
    /** @type {AsideRecord[]} */
    const kept = await done(tx.objectStore('aside').getAll());
    return asides.every((a) => kept.some((b) => b.from === a.from && b.text === a.text));
  });
  if (!verified) {
    notices.push('The scenarios saved by the earlier version of Thresh were copied to the new storage, but the copy did not read back the same. The old data is kept where it was, untouched, and the move is tried again the next time this page opens.');
    return notices;
  }

  // Mark, then delete the old keys (their verified copies are in the database).
  try {
    ls.setItem(OLD_MARK, JSON.stringify({ to: 'indexeddb', at: new Date(now).toISOString(), keys: old.size }));
  } catch { /* a full localStorage: the mark is also in the settings */ }
  for (const [k, text] of old) {
    // A key another tab (an earlier version of the page) changed meanwhile is not deleted.
    if (ls.getItem(k) === text) ls.removeItem(k);
  }
  return notices;
}

