//! A summary for the board: who the return is for, its dates, status and sign-off, then domain
//! scores and stages as a chart with a table of the same numbers, the action plan, and the
//! outcome template's answers (written by `iacmh_report::papers::summary`). Printed, it is a
//! board paper: those facts on page 1, each section on a new page (print rules in
//! `web/styles/_print.scss`).

use iacmh_review::Index;
use yew::prelude::*;

use super::heading;
use crate::components::back_link;
use crate::components::paper::{Paper, paper_body, print_button};
use crate::context::Ctx;
use crate::state::Page;

pub fn summary_page(ctx: &Ctx) -> Html {
    let index = Index::get(&ctx.state.ret.index_version).unwrap_or_else(Index::current);
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Summary for the board", Some(index.title.to_owned())) }
            <p class="nhsuk-body iacmh__no-print">{ "Print this page, or save it as a PDF from the print dialogue, for a board paper." }</p>
            { print_button("Print this summary") }
            <p class="nhsuk-body iacmh__no-print">
                { "For every question with its rating and comment, print the " }
                <a class="nhsuk-link" href={Page::Record.route()}>{ "record of the maturity index" }</a>{ "." }
            </p>
            { paper_body(ctx, Paper::Summary) }
        </>
    }
}
