//! The few browser services the widget needs: the clock, focus, frames, downloads, file reading
//! and the address.

use wasm_bindgen::JsCast;
use web_sys::Element;

/// Now, as an RFC 3339 timestamp in UTC.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date, YYYY-MM-DD, in local time.
pub fn today() -> String {
    date(&js_sys::Date::new_0())
}

/// The local time as hh:mm.
pub fn clock() -> String {
    time(&js_sys::Date::new_0())
}

/// An RFC 3339 timestamp in the browser's local time (its time zone, summer time included),
/// as `2024-07-15 at 14:05`; `None` when it is not a timestamp.
pub fn local_time(timestamp: &str) -> Option<String> {
    let t = iacmh_review::Timestamp::parse(timestamp)?;
    let d = js_sys::Date::new_0();
    d.set_time(t.unix_millis() as f64);
    Some(date(&d) + " at " + &time(&d))
}

/// A moment's local date, YYYY-MM-DD.
fn date(d: &js_sys::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// A moment's local time, hh:mm.
fn time(d: &js_sys::Date) -> String {
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/focus.js")]
extern "C" {
    /// Focuses the element with `id` in the same shadow root (or document) as `anchor`, and
    /// scrolls it into view.
    #[wasm_bindgen(js_name = focusById)]
    pub fn focus_by_id(anchor: &Element, id: &str);
    /// Takes focus from whatever holds it in the same shadow root (or document) as `anchor`:
    /// before a page is replaced (why: js/focus.js).
    #[wasm_bindgen(js_name = blurFocused)]
    pub fn blur_focused(anchor: &Element);
}

/// Runs `f` once the browser has painted the next frame: a timeout set from an animation-frame
/// callback runs after that frame's paint, not before it.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, f).forget();
    });
    let _ = gloo::utils::window().request_animation_frame(callback.unchecked_ref());
}

/// Offers `text` to the user as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    offer(name, &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)), mime)
}

/// Offers `bytes` to the user as a file download named `name`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    offer(name, &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)), mime)
}

fn offer(name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), String> {
    let fail =
        |e: wasm_bindgen::JsValue| format!("the browser refused the download ({})", e.as_string().unwrap_or_default());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &bag).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.dyn_into().map_err(|_| "no anchor element".to_owned())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo::timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The address's fragment (`#/tasks`), or empty.
pub fn route() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Shows `route` as the address: a new history entry when `push`, else in place of the
/// current one. The path and query stay as they are.
pub fn set_route(route: &str, push: bool) {
    if let Ok(history) = gloo::utils::window().history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if push {
            history.push_state_with_url(&state, "", Some(route))
        } else {
            history.replace_state_with_url(&state, "", Some(route))
        };
    }
}
