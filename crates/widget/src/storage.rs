//! Drafts in the browser's own storage, under a prefix the host page chooses: IndexedDB,
//! written with strict durability, through the small JavaScript module `js/drafts.js`
//! (localStorage where IndexedDB is unavailable; drafts an earlier version kept in
//! localStorage are moved across when the store opens).
//!
//! Each draft is one key holding the return's JSON, read back through the crate's parser like
//! any imported file; an index key lists the drafts. The module holds every key in memory, so
//! that reading stays synchronous; a write changes memory at once and is committed as one
//! transaction, and its callback is called only once the transaction has completed. A write
//! either commits or leaves the stored value as it was (and memory with it), so a full or
//! unavailable storage never damages the last saved draft. A draft that cannot be read is
//! moved aside, never overwritten.
//!
//! The interface is kept narrow (list, load, save, rename, delete, find a copy).

// Why a JavaScript module for IndexedDB rather than web-sys's bindings: the form's page, gzip
// (level 9, as `node tests/browser/measure.mjs` counts it after `./dev build`), against 202,703
// bytes of wasm and its JavaScript before IndexedDB: this module and its bindings add 2,340 bytes
// (wasm +1,117, wasm-bindgen's JavaScript +94, js/drafts.js minified 1,129); the same store
// written in Rust over web-sys (IdbDatabase, IdbRequest, BroadcastChannel, Storage, with
// wasm-bindgen-futures for the requests) added 12,759 (wasm +11,781, JavaScript +978). web-sys
// also has the `durability` option only behind `--cfg=web_sys_unstable_apis`. Callbacks rather
// than promises for the same reason: awaiting the module's promises through
// wasm-bindgen-futures cost 601 bytes more.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use iacmh_review::json::{FromJson, JsonError, Reader, ToJson, Writer};
use iacmh_review::{ParseError, Return, Timestamp, parse_return};

use crate::shared::Shared;

/// What the start page lists about a draft without reading it whole.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftSummary {
    pub id: String,
    /// Who the draft is for ([`iacmh_review::Scope::label`]).
    pub label: String,
    pub updated: Option<String>,
    /// A name the user gave the draft; kept only here, as the return has no place for it.
    pub name: Option<String>,
}

impl DraftSummary {
    /// What the draft is called: its name if it has one, else who it is for.
    pub fn title(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.label)
    }
}

// Through the crate's own JSON reader and writer: serde_json would add tens of kilobytes to
// the form's WebAssembly for this one list. Read leniently, since a newer version of the
// widget may have written the index: fields this version does not know are skipped.
impl FromJson for DraftSummary {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut d = DraftSummary { id: String::new(), label: String::new(), updated: None, name: None };
        r.object(&mut |r, key| {
            match key {
                "id" => d.id = r.read()?,
                "label" => d.label = r.read()?,
                "updated" => d.updated = r.read()?,
                "name" => d.name = r.read()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(d)
    }
}

/// The drafts a draft index lists, or `None` when this version cannot read it (another shape,
/// or fields of another type), for the caller to rebuild it from the drafts themselves.
fn read_index(text: &str) -> Option<Vec<DraftSummary>> {
    Reader::read_document(text).ok()
}

impl ToJson for DraftSummary {
    fn write(&self, w: &mut Writer) {
        w.object(|w| {
            w.field("id", &self.id);
            w.field("label", &self.label);
            w.field("updated", &self.updated);
            if self.name.is_some() {
                w.field("name", &self.name);
            }
        });
    }
}

#[wasm_bindgen(module = "/js/drafts.js")]
extern "C" {
    /// The module's store of one prefix's keys (an `EventTarget`: another tab's committed
    /// change arrives as a `storage` event).
    #[wasm_bindgen(extends = web_sys::EventTarget)]
    #[derive(Debug)]
    pub type Kv;
    /// Calls `done` with the prefix's [`Kv`], its keys read into memory; never fails.
    #[wasm_bindgen(js_name = open)]
    fn open_kv(prefix: &str, done: &JsValue);
    #[wasm_bindgen(method)]
    fn get(this: &Kv, key: &str) -> Option<String>;
    #[wasm_bindgen(method)]
    fn keys(this: &Kv) -> Vec<String>;
    #[wasm_bindgen(method)]
    fn set(this: &Kv, key: &str, value: &str);
    #[wasm_bindgen(method)]
    fn remove(this: &Kv, key: &str);
    /// Writes the changes since the last commit as one transaction; then calls `done` (if a
    /// function) with nothing once it has completed, or with "full" or "unavailable".
    #[wasm_bindgen(method)]
    fn commit(this: &Kv, done: &JsValue);
    /// Where drafts go: 0 IndexedDB, 1 localStorage, 2 nowhere.
    #[wasm_bindgen(method, getter)]
    fn level(this: &Kv) -> u8;
}

#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// No storage: private browsing, or blocked by policy.
    Unavailable,
    /// The browser refused to store more.
    Full,
    /// A stored draft is not a return this version can read.
    Unreadable { id: String, error: ParseError },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable => f.write_str(
                "This browser is not letting the form save (it may be in private browsing mode). Your answers will be lost when you close the page: export the return to keep them.",
            ),
            StoreError::Full => f.write_str(
                "This browser's storage is full, so your latest changes are not saved. Your previous saved draft is safe. Export the return now to keep your changes, then delete drafts you no longer need.",
            ),
            StoreError::Unreadable { error, .. } => write!(
                f,
                "A saved draft could not be read ({error}). It has been kept aside, unchanged; the form has started a new draft."
            ),
        }
    }
}

/// Called once a write has committed, or has failed and left the stored copy as it was. One
/// boxed type for every caller, so that the wasm holds one copy of the glue that calls it.
pub type Done = Box<dyn FnOnce(Result<(), StoreError>)>;

/// A change not yet written: the draft, the form's revision of it, and the return.
pub type Pending = (String, u64, Shared<Return>);

/// The drafts of one widget, and the latest change not yet written.
#[derive(Debug)]
pub struct Store {
    prefix: String,
    kv: Kv,
    /// Written by [`Store::flush`] (at once, after a pause in typing, or when the page is
    /// hidden), and discarded when its draft is deleted so that a late write cannot bring it
    /// back.
    pending: RefCell<Option<Pending>>,
}

impl Store {
    /// Opens the drafts under `prefix` (IndexedDB, or localStorage where it is unavailable;
    /// drafts an earlier version kept in localStorage are moved across first), then calls
    /// `done` with them.
    pub fn open(prefix: &str, done: impl FnOnce(Store) + 'static) {
        let owned = prefix.to_owned();
        let done = Closure::once_into_js(move |kv: JsValue| {
            done(Store { prefix: owned, kv: kv.unchecked_into(), pending: RefCell::new(None) })
        });
        open_kv(prefix, &done);
    }

    /// Whether a write that has completed is on disk: false where localStorage stands in for
    /// IndexedDB (Chromium writes it to disk seconds later, so a crash can lose it).
    pub fn durable(&self) -> bool {
        self.kv.level() != 1
    }

    /// Where another tab's change to a key arrives, as a `storage` event.
    pub fn events(&self) -> &web_sys::EventTarget {
        &self.kv
    }

    /// Keeps a change (the form's `revision` of draft `id`) to write at the next flush, and
    /// returns a pending change to another draft, for the caller to write first.
    pub fn stage(&self, id: &str, revision: u64, ret: Shared<Return>) -> Option<Pending> {
        let replaced = self.pending.replace(Some((id.to_owned(), revision, ret)));
        replaced.filter(|(p, ..)| p != id)
    }

    /// The pending change, if any, taken to be written ([`Store::save`]).
    pub fn take_pending(&self) -> Option<Pending> {
        self.pending.borrow_mut().take()
    }

    /// Commits what has been changed in memory since the last commit; `done`, if any, hears
    /// how it went.
    fn commit(&self, done: Option<Done>) {
        let Some(done) = done else { return self.kv.commit(&JsValue::UNDEFINED) };
        let done = Closure::once_into_js(move |error: Option<String>| {
            done(match error.as_deref() {
                None => Ok(()),
                Some("full") => Err(StoreError::Full),
                Some(_) => Err(StoreError::Unavailable),
            })
        });
        self.kv.commit(&done);
    }

    /// Forgets the pending change, as when another tab has written the same draft.
    pub fn discard(&self) {
        self.pending.borrow_mut().take();
    }

    fn storage(&self) -> Result<&Kv, StoreError> {
        // Neither IndexedDB nor localStorage: some privacy modes, or a policy.
        if self.kv.level() == 2 { Err(StoreError::Unavailable) } else { Ok(&self.kv) }
    }

    fn draft_key(&self, id: &str) -> String {
        format!("{}:draft:{id}", self.prefix)
    }

    fn index_key(&self) -> String {
        format!("{}:drafts", self.prefix)
    }

    fn current_key(&self) -> String {
        format!("{}:current", self.prefix)
    }

    /// Whether a storage event concerns this draft.
    pub fn is_draft_key(&self, key: &str, id: &str) -> bool {
        key == self.draft_key(id)
    }

    /// The drafts kept in this browser, most recently updated first (compared as instants; a
    /// draft that does not say when comes last; ties keep their order).
    ///
    /// The index is only a cache of what the drafts say, so that the start page need not read
    /// them all. It is read leniently (unknown fields are skipped); a draft in storage that it
    /// does not list, or every draft when it cannot be read at all, is listed from the draft
    /// itself, so no draft is ever lost to an index this version cannot read. A draft that
    /// this version cannot read either is left in storage untouched, and not listed.
    pub fn list(&self) -> Result<Vec<DraftSummary>, StoreError> {
        let storage = self.storage()?;
        let stored = storage.keys();
        let mut list: Vec<DraftSummary> =
            storage.get(&self.index_key()).and_then(|text| read_index(&text)).unwrap_or_default();
        // An entry without a label is listed from its draft (keeping its name), like a draft
        // the index leaves out; one no longer stored, or unreadable, is dropped.
        list.retain(|d| stored.contains(&self.draft_key(&d.id)));
        for d in &mut list {
            if d.label.is_empty()
                && let Some(found) = self.summary_from_draft(storage, &d.id)
            {
                d.label = found.label;
                d.updated = found.updated;
            }
        }
        list.retain(|d| !d.label.is_empty());
        let draft_prefix = self.draft_key("");
        for key in &stored {
            if let Some(id) = key.strip_prefix(&draft_prefix)
                && !list.iter().any(|d| d.id == id)
                && let Some(found) = self.summary_from_draft(storage, id)
            {
                list.push(found);
            }
        }
        list.sort_by_key(|d| std::cmp::Reverse(d.updated.as_deref().and_then(Timestamp::parse)));
        Ok(list)
    }

    /// What the start page lists about a stored draft, read from the draft itself.
    fn summary_from_draft(&self, storage: &Kv, id: &str) -> Option<DraftSummary> {
        let text = storage.get(&self.draft_key(id))?;
        let ret = parse_return(text.as_bytes()).ok()?;
        Some(DraftSummary { id: id.to_owned(), label: ret.scope.label(), updated: ret.meta.updated, name: None })
    }

    /// The id of the draft last open in this browser.
    pub fn current(&self) -> Option<String> {
        self.storage().ok()?.get(&self.current_key())
    }

    pub fn set_current(&self, id: &str) {
        self.kv.set(&self.current_key(), id);
        self.commit(None);
    }

    /// Reads a draft. One that cannot be parsed is moved to an `unreadable` key and reported.
    pub fn load(&self, id: &str) -> Result<Option<Return>, StoreError> {
        let storage = self.storage()?;
        let key = self.draft_key(id);
        let Some(text) = storage.get(&key) else {
            return Ok(None);
        };
        match parse_return(text.as_bytes()) {
            Ok(ret) => Ok(Some(ret)),
            Err(error) => {
                // One transaction: the draft is either moved aside whole or left where it was.
                storage.set(&format!("{}:unreadable:{id}", self.prefix), &text);
                storage.remove(&key);
                self.commit(None);
                Err(StoreError::Unreadable { id: id.to_owned(), error })
            }
        }
    }

    /// Saves a draft and lists it, as one transaction. On failure the previously saved copy
    /// is untouched.
    pub fn save(&self, id: &str, ret: &Return, done: Option<Done>) {
        self.kv.set(&self.draft_key(id), &ret.to_json());
        self.update_index(id, &mut |d| {
            d.label = ret.scope.label();
            d.updated.clone_from(&ret.meta.updated);
        });
        self.kv.set(&self.current_key(), id);
        self.commit(done);
    }

    /// Names a stored draft (a blank name removes it). Kept as typed: the name field shows it
    /// back while it is being typed, spaces and all.
    pub fn rename(&self, id: &str, name: &str, done: Done) {
        self.update_index(id, &mut |d| d.name = (!name.trim().is_empty()).then(|| name.to_owned()));
        self.commit(Some(done));
    }

    /// Changes draft `id`'s entry in the list (which lists every stored draft) and sets the
    /// list as the index, to be committed; a draft not stored has no entry, and nothing
    /// changes.
    fn update_index(
        &self,
        id: &str,
        // A trait object, so that one copy of this serves both callers.
        change: &mut dyn FnMut(&mut DraftSummary),
    ) {
        let mut list = self.list().unwrap_or_default();
        let Some(entry) = list.iter_mut().find(|d| d.id == id) else { return };
        change(entry);
        let mut index = Writer::new();
        index.value(&list);
        self.kv.set(&self.index_key(), &index.finish());
    }

    /// The stored draft that `ret` is a copy of: the same scope (by the crate's
    /// [`iacmh_review::Scope::key`]) begun at the same moment, or the same content.
    pub fn copy_of(&self, ret: &Return) -> Option<DraftSummary> {
        let storage = self.storage().ok()?;
        let (text, key) = (ret.to_json(), ret.scope.key());
        self.list().ok()?.into_iter().find(|d| {
            let Some(stored) = storage.get(&self.draft_key(&d.id)) else { return false };
            stored == text
                || parse_return(stored.as_bytes()).is_ok_and(|s| {
                    s.meta.created.is_some() && s.meta.created == ret.meta.created && s.scope.key() == key
                })
        })
    }

    pub fn delete(&self, id: &str) {
        if self.pending.borrow().as_ref().is_some_and(|(p, ..)| p == id) {
            self.discard();
        }
        self.kv.remove(&self.draft_key(id));
        self.commit(None);
    }

    /// Removes everything this widget stored under its prefix, for shared computers.
    pub fn clear_all(&self) -> Result<(), StoreError> {
        self.discard();
        let storage = self.storage()?;
        // The module holds only this prefix's keys.
        for key in storage.keys() {
            storage.remove(&key);
        }
        self.commit(None);
        Ok(())
    }
}

/// A new draft id: the time in base 36 and a random suffix.
pub fn new_draft_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_679_616.0) as u64; // 36^4
    format!("{}{}", radix36(now), radix36(random))
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
