//! `iacmh-widget`: the embeddable self-assessment form. A Yew app over `iacmh-review`,
//! compiled to WebAssembly: it runs wholly in the browser, keeps drafts in the browser's own
//! storage and exports the return as a JSON file. Nothing is sent anywhere.
//!
//! Three wasm builds of this crate, one per feature, so that no page loads another's code:
//! `form`, `collation` (the regional collation page) and `papers` (the form's two papers, which
//! the form loads when one first opens).
//!
//! A host page mounts it with [`mount`] (see `web/iacmh.js`). The app renders inside a shadow
//! root on the host element, with the stylesheet linked inside it, so the host's CSS and the
//! widget's cannot touch each other.

// Each wasm build has one of the three features; helpers the others use are then unused.
#![cfg_attr(not(all(feature = "form", feature = "collation", feature = "papers")), allow(dead_code))]

#[cfg(feature = "form")]
mod app;
mod browser;
#[cfg(feature = "collation")]
mod collation;
#[cfg(feature = "form")]
mod components;
#[cfg(feature = "form")]
mod context;
#[cfg(feature = "form")]
mod pages;
#[cfg(any(feature = "form", feature = "collation"))]
mod shared;
#[cfg(feature = "form")]
mod state;
#[cfg(feature = "form")]
mod storage;

use wasm_bindgen::prelude::*;

/// Where the stylesheet is when a host page does not say: `pkg/` beside the page.
const STYLESHEET: &str = "pkg/iacmh.css";

/// Options a host page passes to [`mount`].
#[derive(Debug, Default)]
struct Options {
    /// Prefix of the widget's storage keys (default `iacmh`).
    storage_key: Option<String>,
    /// URL of the widget's stylesheet (default `pkg/iacmh.css` beside the page).
    stylesheet: Option<String>,
    /// Whether pages have addresses in the URL fragment, with Back and Forward (default on).
    /// Off, the widget never reads or writes the address or the history.
    routing: bool,
    /// Whether the widget owns the page, and so names each page in the document title
    /// (default off).
    title: bool,
}

/// Renders the form into `host` once its drafts have been read. `options` is `{ storageKey,
/// stylesheet, routing, title }`, all optional.
#[cfg(feature = "form")]
#[wasm_bindgen]
pub fn mount(host: web_sys::Element, options: JsValue) -> Result<(), JsValue> {
    let (root, options) = shadow_root(&host, &options)?;
    // The drafts are read before the first render, so that it can restore the last one.
    let key = options.storage_key.clone().unwrap_or_else(|| "iacmh".to_owned());
    storage::Store::open(&key, move |store| {
        let props = app::AppProps {
            store: shared::Shared::new(store),
            routing: options.routing,
            title: options.title.then(|| gloo::utils::document().title().into()),
            assets: options.stylesheet.unwrap_or_else(|| STYLESHEET.to_owned()).into(),
        };
        yew::Renderer::<app::App>::with_root_and_props(root, props).render();
    });
    Ok(())
}

/// Attaches a shadow root to `host` with the stylesheet linked inside, and returns the element
/// to render into.
fn shadow_root(host: &web_sys::Element, options: &JsValue) -> Result<(web_sys::Element, Options), JsValue> {
    // Read by hand: a few optional values do not need a deserialiser in the bundle.
    let get = |key: &str| -> Result<Option<JsValue>, JsValue> {
        if options.is_undefined() || options.is_null() {
            return Ok(None);
        }
        let value = js_sys::Reflect::get(options, &JsValue::from_str(key))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    };
    let text = |key: &str| match get(key)? {
        Some(value) => {
            value.as_string().map(Some).ok_or_else(|| JsValue::from_str(&format!("iacmh: option `{key}` must be text")))
        }
        None => Ok(None),
    };
    // Only `false` turns routing off, and only `true` turns the title on.
    let flag = |key: &str| Ok::<_, JsValue>(get(key)?.and_then(|v| v.as_bool()));
    let options = Options {
        storage_key: text("storageKey")?,
        stylesheet: text("stylesheet")?,
        routing: flag("routing")? != Some(false),
        title: flag("title")? == Some(true),
    };
    let document = gloo::utils::document();
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?;
    let link = document.create_element("link")?;
    link.set_attribute("rel", "stylesheet")?;
    link.set_attribute("href", options.stylesheet.as_deref().unwrap_or(STYLESHEET))?;
    shadow.append_child(&link)?;
    let root = document.create_element("div")?;
    root.set_class_name("iacmh");
    root.set_attribute("lang", "en-GB")?;
    shadow.append_child(&root)?;
    Ok((root, options))
}

/// Renders the regional collation page into `host`; `options` is `{ stylesheet }`.
#[cfg(feature = "collation")]
#[wasm_bindgen(js_name = mountCollation)]
pub fn mount_collation(host: web_sys::Element, options: JsValue) -> Result<(), JsValue> {
    let (root, options) = shadow_root(&host, &options)?;
    // The report's styles (crates/report/src/report.css, which the HTML report inlines) sit
    // beside the widget's stylesheet; only this page links them, so the form never loads them.
    let sheet = options.stylesheet.unwrap_or_else(|| STYLESHEET.to_owned());
    let href = format!("{}iacmh-report.css", &sheet[..sheet.rfind('/').map_or(0, |i| i + 1)]);
    let link = gloo::utils::document().create_element("link")?;
    link.set_attribute("rel", "stylesheet")?;
    link.set_attribute("href", &href)?;
    if let Some(shadow) = root.parent_node() {
        shadow.insert_before(&link, Some(&root))?;
    }
    yew::Renderer::<collation::CollationApp>::with_root(root).render();
    Ok(())
}

/// Milliseconds to revalidate the return in `json` (validation and completeness, as after each
/// change), averaged over `runs`: measured in the browser by the tests.
#[cfg(feature = "form")]
#[wasm_bindgen(js_name = benchmarkRevalidation)]
pub fn benchmark_revalidation(json: &str, runs: u32) -> Result<f64, JsValue> {
    let ret = iacmh_review::parse_return(json.as_bytes()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let performance = gloo::utils::window().performance().ok_or_else(|| JsValue::from_str("no performance clock"))?;
    let runs = runs.max(1);
    let start = performance.now();
    let mut count = 0usize;
    for _ in 0..runs {
        count += context::Derived::of(std::hint::black_box(&ret)).diagnostics.len();
    }
    std::hint::black_box(count);
    Ok((performance.now() - start) / f64::from(runs))
}

/// The summary for the board of the return in `json`, as HTML (`iacmh_report::papers`): the
/// papers build's export, which the form loads when a paper opens.
#[cfg(feature = "papers")]
#[wasm_bindgen]
pub fn summary(json: &str) -> Result<String, JsValue> {
    paper(json, iacmh_report::papers::summary)
}

/// The record of the maturity index of the return in `json`, as HTML: as [`summary`].
#[cfg(feature = "papers")]
#[wasm_bindgen]
pub fn record(json: &str) -> Result<String, JsValue> {
    paper(json, iacmh_report::papers::record)
}

#[cfg(feature = "papers")]
fn paper(json: &str, write: fn(&iacmh_review::Return) -> String) -> Result<String, JsValue> {
    let ret = iacmh_review::parse_return(json.as_bytes()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(write(&ret))
}
