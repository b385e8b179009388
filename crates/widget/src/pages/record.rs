//! The record of the maturity index, the paper the committee signs: every question in whole
//! with its category, its rating in words and a mark, and its comment, domain by domain, then
//! the Findings and Actions table and the sign-off (written by `iacmh_report::papers::record`).
//! It has no controls but a print button, so it reads the same on screen and on paper.

use iacmh_review::Index;
use yew::prelude::*;

use super::heading;
use crate::components::back_link;
use crate::components::paper::{Paper, paper_body, print_button};
use crate::context::Ctx;
use crate::state::Page;

pub fn record_page(ctx: &Ctx) -> Html {
    let index = Index::get(&ctx.state.ret.index_version).unwrap_or_else(Index::current);
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Record of the maturity index", Some(index.title.to_owned())) }
            { print_button("Print this record") }
            { paper_body(ctx, Paper::Record) }
        </>
    }
}
