// The widget's drafts on disk: IndexedDB, written with strict durability, so that a change the
// form calls saved has reached the disk (localStorage is flushed by Chromium only seconds
// later, and a crash in between loses it). A small key-value store: the keys are the ones the
// widget kept in localStorage before (`PREFIX:draft:ID`, `PREFIX:drafts`, `PREFIX:current`).
//
// `open(prefix, done)` reads every key of the prefix into memory, so that the form reads them at
// once (storage.rs keeps its synchronous interface), and calls `done` with the store;
// `set`/`remove` change memory and queue the change; `commit(done)` writes the queue in one
// transaction and calls `done()` once it has completed (`oncomplete`), or `done("full")` (quota)
// or `done("unavailable")`, having put memory back. Callbacks rather than promises: the wasm
// then needs no futures.
// Other tabs hear of each committed change through a BroadcastChannel, as a `storage` event on
// the store.
//
// Where IndexedDB is unavailable, localStorage (`durable` is then false, and the form says so);
// where neither is, nothing is written (`mode` "none"). localStorage drafts of an earlier
// version are moved into IndexedDB on first open, and removed only once the copy has committed.
//
// Why JavaScript rather than web-sys's IndexedDB bindings in Rust: 2,340 bytes gzip on the form's
// page against 12,759 (measured; crates/widget/src/storage.rs says how).
const DB = 'iacmh';
const KV = 'kv';

const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });

function local() {
  try { const s = window.localStorage; s.length; return s; } catch { return null; }
}

function openDb() {
  const r = indexedDB.open(DB, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(KV);
  return request(r).then((db) => {
    // A later version upgrading the database in another tab: let it (writes here then fail,
    // and the form says so).
    db.onversionchange = () => db.close();
    return db;
  });
}

class Drafts extends EventTarget {
  constructor(prefix, db, ls) {
    super();
    this.prefix = prefix + ':';
    this.db = db;
    this.ls = ls;
    this.mode = db ? 'idb' : ls ? 'local' : 'none';
    this.memory = new Map();
    // key -> [new value or null, value before the first change of this batch]
    this.batch = new Map();
    try {
      this.channel = new BroadcastChannel(DB);
      this.channel.onmessage = ({ data: [key, value] }) => {
        if (!key.startsWith(this.prefix)) return;
        this.put(key, value);
        this.dispatchEvent(new StorageEvent('storage', { key, newValue: value }));
      };
    } catch { /* no other tab hears of changes */ }
  }

  // 0, 1 or 2: a number is cheaper than a string to hand to the wasm.
  get level() { return ['idb', 'local', 'none'].indexOf(this.mode); }
  get(key) { return this.memory.get(key); }
  keys() { return [...this.memory.keys()]; }
  set(key, value) { this.change(key, value); }
  remove(key) { this.change(key, null); }

  put(key, value) {
    if (value === null) this.memory.delete(key); else this.memory.set(key, value);
  }

  change(key, value) {
    const before = this.batch.has(key) ? this.batch.get(key)[1] : this.memory.get(key) ?? null;
    this.batch.set(key, [value, before]);
    this.put(key, value);
  }

  // Writes the queued changes as one transaction, then calls `done` (if given).
  commit(done) {
    this.settle().then(() => done?.(), (e) => done?.(e));
  }

  async settle() {
    const batch = [...this.batch];
    this.batch = new Map();
    try {
      if (this.mode === 'idb') await this.write(batch);
      else if (this.mode === 'local') for (const [key, [value]] of batch) {
        if (value === null) this.ls.removeItem(key); else this.ls.setItem(key, value);
      }
      else throw new Error('unavailable');
    } catch (e) {
      // The stored copy is the one before: so is memory, unless a later change replaced it.
      for (const [key, [value, before]] of batch) if ((this.memory.get(key) ?? null) === value) this.put(key, before);
      throw e?.name === 'QuotaExceededError' ? 'full' : 'unavailable';
    }
    for (const [key, [value]] of batch) this.channel?.postMessage([key, value]);
  }

  write(batch) {
    return new Promise((ok, fail) => {
      const tx = this.db.transaction(KV, 'readwrite', { durability: 'strict' });
      tx.oncomplete = () => ok();
      // A failed request aborts the transaction (a full disk: QuotaExceededError).
      tx.onabort = () => fail(tx.error);
      try {
        const kv = tx.objectStore(KV);
        for (const [key, [value]] of batch) if (value === null) kv.delete(key); else kv.put(value, key);
      } catch (e) {
        try { tx.abort(); } catch { /* already finished */ }
        fail(e);
      }
    });
  }
}

// Calls `done` with the store of drafts under `prefix`, read into memory; never fails.
export function open(prefix, done) {
  openStore(prefix).then(done);
}

async function openStore(prefix) {
  const ls = local();
  let db = null;
  try { db = await openDb(); } catch { /* no IndexedDB: private mode, or blocked */ }
  const store = new Drafts(prefix, db, ls);
  const mine = (key) => key.startsWith(store.prefix);
  if (db) {
    try {
      const range = IDBKeyRange.bound(store.prefix, prefix + ';', false, true);
      const kv = db.transaction(KV).objectStore(KV);
      const [keys, values] = await Promise.all([request(kv.getAllKeys(range)), request(kv.getAll(range))]);
      keys.forEach((key, i) => store.memory.set(key, values[i]));
      // An earlier version's drafts: copied across, and removed from localStorage once the copy
      // has committed. A key already here was copied before (a crash came before the removal).
      const old = ls ? Object.keys(ls).filter(mine) : [];
      for (const key of old) if (!store.memory.has(key)) store.set(key, ls.getItem(key));
      await store.settle();
      for (const key of old) ls.removeItem(key);
    } catch {
      // IndexedDB failed while reading or copying: keep to localStorage, as before.
      store.db = null;
      store.memory.clear();
      store.batch.clear();
      store.mode = ls ? 'local' : 'none';
    }
  }
  if (!store.db && ls) for (const key of Object.keys(ls).filter(mine)) store.memory.set(key, ls.getItem(key));
  return store;
}
