//! Stands in for `console_error_panic_hook` 0.1.7, which Yew's `Renderer::render` installs as
//! the panic hook whatever the application says (unless it installs its own first), through
//! `[patch.crates-io]` in the workspace's `Cargo.toml`. Its hook writes nothing.
//!
//! Why: a panic message is text of the program's choosing, and an `expect` or a failed
//! assertion may carry a user's answer into the browser's console, which the form must never
//! do. And in the form's wasm, built with panics that abort at once (`./dev`'s Debian route),
//! the hook is never called yet its code stays, referenced from the hook's vtable: the real
//! hook cost the form's page 562 bytes gzip (200,352 against 199,790 bytes, `node
//! tests/browser/measure.mjs` after `./dev build` with and without the patch) and the collation
//! page 591. A panic in the browser is still an error there ("unreachable executed"), without
//! a message.

use std::panic::PanicHookInfo;

/// The panic hook: does nothing.
pub fn hook(_info: &PanicHookInfo<'_>) {}

/// Installs [`hook`] as the panic hook, as the real crate's `set_once` does.
pub fn set_once() {
    use std::sync::Once;
    static SET: Once = Once::new();
    SET.call_once(|| std::panic::set_hook(Box::new(hook)));
}
