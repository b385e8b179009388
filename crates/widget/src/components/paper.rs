//! A paper on its page: the summary for the board or the record of the maturity index, written
//! as HTML by `iacmh_report::papers` in a wasm build of its own (`pkg/iacmh_papers`), which
//! `js/load.js` loads the first time a paper opens. The form's page so carries neither paper
//! (8.7 KB gzip of wasm, measured against both pages in Yew); the page around a paper (its
//! heading, print button and links) stays here.

use wasm_bindgen::prelude::wasm_bindgen;
use yew::prelude::*;

use iacmh_review::Return;

use crate::context::Ctx;
use crate::shared::Shared;

#[wasm_bindgen(module = "/js/load.js")]
extern "C" {
    #[wasm_bindgen(js_name = paper)]
    fn load_paper(url: &str, name: &str, json: &str, into: &web_sys::Element);
}

/// Which paper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Paper {
    Summary,
    Record,
}

impl Paper {
    /// The papers module's export that writes it (`crates/widget/src/lib.rs`).
    fn export(self) -> &'static str {
        match self {
            Paper::Summary => "summary",
            Paper::Record => "record",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PaperProps {
    pub paper: Paper,
    /// The return, compared by identity: a changed return is a new value.
    pub ret: Shared<Return>,
    /// The papers module's URL (`Ctx::asset`).
    pub url: AttrValue,
}

/// An element the paper is written into by `js/load.js`, rewritten when the return changes
/// (the last one written stays in view meanwhile). The element has no children of Yew's, so
/// Yew leaves what is written there alone.
#[function_component(PaperBody)]
fn paper_element(props: &PaperProps) -> Html {
    let into = use_node_ref();
    {
        let into = into.clone();
        use_effect_with((props.paper, props.ret.clone(), props.url.clone()), move |(paper, ret, url)| {
            if let Some(element) = into.cast::<web_sys::Element>() {
                load_paper(url, paper.export(), &ret.to_json(), &element);
            }
        });
    }
    html! { <div ref={into}></div> }
}

/// The button that opens the browser's print dialogue (hidden on paper).
pub fn print_button(label: &'static str) -> Html {
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    html! { <button class="nhsuk-button nhsuk-button--secondary iacmh__no-print" type="button" onclick={print}>{ label }</button> }
}

/// A paper of the open return, under its page's heading.
pub fn paper_body(ctx: &Ctx, paper: Paper) -> Html {
    html! { <PaperBody {paper} ret={ctx.state.ret.clone()} url={ctx.asset("iacmh_papers.js")} /> }
}
