//! Drafts in the browser's own storage (`localStorage`), under a prefix the host page chooses.
//!
//! Each draft is one key holding the return's JSON, read back through the crate's parser like
//! any imported file; an index key lists the drafts. Writing a key either succeeds or leaves
//! the old value, so a full or unavailable storage never damages the last saved draft. A draft
//! that cannot be read is moved aside, never overwritten.
//!
//! The interface is kept narrow (list, load, save, rename, delete, find a copy) so that another
//! storage can replace `localStorage` behind it.

use std::cell::RefCell;

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

/// The drafts of one widget, and the latest change not yet written.
#[derive(Debug)]
pub struct Store {
    prefix: String,
    /// Written by [`Store::flush`] (after a pause in typing, or when the page is hidden), and
    /// discarded when its draft is deleted so that a late write cannot bring it back.
    pending: RefCell<Option<(String, Shared<Return>)>>,
}

impl Store {
    pub fn new(prefix: &str) -> Store {
        Store { prefix: prefix.to_owned(), pending: RefCell::new(None) }
    }

    /// Keeps a change to write at the next flush. A pending change to another draft is
    /// written first.
    pub fn stage(&self, id: &str, ret: Shared<Return>) -> Result<(), StoreError> {
        let other = self.pending.borrow().as_ref().is_some_and(|(p, _)| p != id);
        let result = if other { self.flush() } else { None };
        *self.pending.borrow_mut() = Some((id.to_owned(), ret));
        result.unwrap_or(Ok(()))
    }

    /// Writes the pending change, if any.
    pub fn flush(&self) -> Option<Result<(), StoreError>> {
        let (id, ret) = self.pending.borrow_mut().take()?;
        Some(self.save(&id, &ret))
    }

    /// Forgets the pending change, as when another tab has written the same draft.
    pub fn discard(&self) {
        self.pending.borrow_mut().take();
    }

    fn storage(&self) -> Result<web_sys::Storage, StoreError> {
        // Accessing localStorage throws in some privacy modes; treat every failure alike.
        web_sys::window().and_then(|w| w.local_storage().ok().flatten()).ok_or(StoreError::Unavailable)
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
        let stored = keys(&storage);
        let mut list: Vec<DraftSummary> =
            storage.get_item(&self.index_key()).ok().flatten().and_then(|text| read_index(&text)).unwrap_or_default();
        // An entry without a label is listed from its draft (keeping its name), like a draft
        // the index leaves out; one no longer stored, or unreadable, is dropped.
        list.retain(|d| stored.contains(&self.draft_key(&d.id)));
        for d in &mut list {
            if d.label.is_empty()
                && let Some(found) = self.summary_from_draft(&storage, &d.id)
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
                && let Some(found) = self.summary_from_draft(&storage, id)
            {
                list.push(found);
            }
        }
        list.sort_by_key(|d| std::cmp::Reverse(d.updated.as_deref().and_then(Timestamp::parse)));
        Ok(list)
    }

    /// What the start page lists about a stored draft, read from the draft itself.
    fn summary_from_draft(&self, storage: &web_sys::Storage, id: &str) -> Option<DraftSummary> {
        let text = storage.get_item(&self.draft_key(id)).ok().flatten()?;
        let ret = parse_return(text.as_bytes()).ok()?;
        Some(DraftSummary { id: id.to_owned(), label: ret.scope.label(), updated: ret.meta.updated, name: None })
    }

    /// The id of the draft last open in this browser.
    pub fn current(&self) -> Option<String> {
        self.storage().ok()?.get_item(&self.current_key()).ok().flatten()
    }

    pub fn set_current(&self, id: &str) {
        if let Ok(storage) = self.storage() {
            let _ = storage.set_item(&self.current_key(), id);
        }
    }

    /// Reads a draft. One that cannot be parsed is moved to an `unreadable` key and reported.
    pub fn load(&self, id: &str) -> Result<Option<Return>, StoreError> {
        let storage = self.storage()?;
        let key = self.draft_key(id);
        let Some(text) = storage.get_item(&key).ok().flatten() else {
            return Ok(None);
        };
        match parse_return(text.as_bytes()) {
            Ok(ret) => Ok(Some(ret)),
            Err(error) => {
                let aside = format!("{}:unreadable:{id}", self.prefix);
                if storage.set_item(&aside, &text).is_ok() {
                    let _ = storage.remove_item(&key);
                }
                Err(StoreError::Unreadable { id: id.to_owned(), error })
            }
        }
    }

    /// Saves a draft and lists it. On failure the previously saved copy is untouched.
    pub fn save(&self, id: &str, ret: &Return) -> Result<(), StoreError> {
        let storage = self.storage()?;
        storage.set_item(&self.draft_key(id), &ret.to_json()).map_err(|_| StoreError::Full)?;
        self.update_index(&storage, id, &mut |d| {
            d.label = ret.scope.label();
            d.updated.clone_from(&ret.meta.updated);
        })?;
        self.set_current(id);
        Ok(())
    }

    /// Names a stored draft (a blank name removes it). Kept as typed: the name field shows it
    /// back while it is being typed, spaces and all.
    pub fn rename(&self, id: &str, name: &str) -> Result<(), StoreError> {
        self.update_index(&self.storage()?, id, &mut |d| d.name = (!name.trim().is_empty()).then(|| name.to_owned()))
    }

    /// Changes draft `id`'s entry in the list (which lists every stored draft) and writes the
    /// list as the index; a draft not stored has no entry, and nothing changes.
    fn update_index(
        &self,
        storage: &web_sys::Storage,
        id: &str,
        // A trait object, so that one copy of this serves both callers.
        change: &mut dyn FnMut(&mut DraftSummary),
    ) -> Result<(), StoreError> {
        let mut list = self.list().unwrap_or_default();
        let Some(entry) = list.iter_mut().find(|d| d.id == id) else { return Ok(()) };
        change(entry);
        let mut index = Writer::new();
        index.value(&list);
        storage.set_item(&self.index_key(), &index.finish()).map_err(|_| StoreError::Full)
    }

    /// The stored draft that `ret` is a copy of: the same scope (by the crate's
    /// [`iacmh_review::Scope::key`]) begun at the same moment, or the same content.
    pub fn copy_of(&self, ret: &Return) -> Option<DraftSummary> {
        let storage = self.storage().ok()?;
        let (text, key) = (ret.to_json(), ret.scope.key());
        self.list().ok()?.into_iter().find(|d| {
            let Some(stored) = storage.get_item(&self.draft_key(&d.id)).ok().flatten() else { return false };
            stored == text
                || parse_return(stored.as_bytes()).is_ok_and(|s| {
                    s.meta.created.is_some() && s.meta.created == ret.meta.created && s.scope.key() == key
                })
        })
    }

    pub fn delete(&self, id: &str) {
        if self.pending.borrow().as_ref().is_some_and(|(p, _)| p == id) {
            self.discard();
        }
        if let Ok(storage) = self.storage() {
            let _ = storage.remove_item(&self.draft_key(id));
        }
    }

    /// Removes everything this widget stored under its prefix, for shared computers.
    pub fn clear_all(&self) -> Result<(), StoreError> {
        self.discard();
        let storage = self.storage()?;
        let mine = format!("{}:", self.prefix);
        for key in keys(&storage).iter().filter(|k| k.starts_with(&mine)) {
            let _ = storage.remove_item(key);
        }
        Ok(())
    }
}

/// Every key in `storage`, this widget's or not.
fn keys(storage: &web_sys::Storage) -> Vec<String> {
    let mut keys = Vec::new();
    for i in 0..storage.length().unwrap_or(0) {
        if let Ok(Some(key)) = storage.key(i) {
            keys.push(key);
        }
    }
    keys
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
