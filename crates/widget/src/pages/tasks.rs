//! The task list: the 14 domains, the national template and "Check and export", each with its
//! status from the crate's completeness and validation.

use iacmh_review::{Index, Task, TaskStatus};
use yew::prelude::*;

use super::heading;
use crate::components::back_link;
use crate::context::Ctx;
use crate::state::Page;

/// The status a task shows: the crate's [`TaskStatus`], or one of the two rows that are not
/// parts of the return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Task(TaskStatus),
    /// Nothing outstanding: the return can be exported as final.
    Ready,
    /// This many things stand between the return and a final one.
    Left(usize),
    /// Nothing to complete: a view.
    Optional,
}

impl Status {
    fn tag(self) -> Html {
        match self {
            Status::Task(TaskStatus::Completed) => html! { { "Completed" } },
            Status::Task(TaskStatus::Optional) | Status::Optional => html! { { "Optional" } },
            Status::Task(TaskStatus::NotMarked) => html! {
                <strong class="nhsuk-tag nhsuk-tag--blue">{ "Ready to mark as completed" }</strong>
            },
            Status::Task(TaskStatus::InProgress(p)) => html! {
                <strong class="nhsuk-tag nhsuk-tag--blue">{ format!("In progress ({} of {})", p.done, p.total) }</strong>
            },
            Status::Task(TaskStatus::HasErrors) => {
                html! { <strong class="nhsuk-tag nhsuk-tag--red">{ "Has errors" }</strong> }
            }
            Status::Task(_) => html! { <strong class="nhsuk-tag nhsuk-tag--grey">{ "Not started" }</strong> },
            Status::Ready => {
                html! { <strong class="nhsuk-tag nhsuk-tag--green">{ "Ready to export as final" }</strong> }
            }
            Status::Left(n) => html! {
                <strong class="nhsuk-tag nhsuk-tag--grey">{ format!("{n} {} left to do", if n == 1 { "thing" } else { "things" }) }</strong>
            },
        }
    }
}

pub fn tasks_page(ctx: &Ctx) -> Html {
    let derived = &ctx.derived;
    let show = ctx.state.show_errors;
    let index = Index::get(&ctx.state.ret.index_version).unwrap_or_else(Index::current);
    let task = |key: String, name: String, page: Page, status: Status| {
        let status_id = format!("iacmh-task-{key}-status");
        html! {
            <li class="nhsuk-task-list__item nhsuk-task-list__item--with-link">
                <div class="nhsuk-task-list__name-and-hint">
                    <a class="nhsuk-link nhsuk-task-list__link" href={page.route()}
                        aria-describedby={status_id.clone()}>{ name }</a>
                </div>
                <div class="nhsuk-task-list__status" id={status_id}>{ status.tag() }</div>
            </li>
        }
    };
    let status = |t: Task| Status::Task(derived.completeness.status(t, &derived.diagnostics, show));
    let domains = index.domains.iter().map(|d| {
        task(
            format!("domain-{}", d.number),
            format!("{}. {}", d.number, d.title),
            Page::Domain(d.number),
            status(Task::Domain(d.number)),
        )
    });
    // Honest: "ready" only when the crate lists nothing outstanding (errors among it).
    let check_status = match derived.outstanding.len() {
        0 => Status::Ready,
        n => Status::Left(n),
    };
    let answered = derived.completeness.maturity;
    html! {
        <>
            { back_link(Page::Start, "Who this return is for") }
            { heading("Your review", Some(ctx.state.ret.scope.label())) }
            <p class="nhsuk-body">{ format!("You have answered {} of {} questions in the maturity index.", answered.done, answered.total) }</p>
            <h2 class="nhsuk-heading-m">{ "ICB Maturity Index" }</h2>
            <ul class="nhsuk-task-list">
                { for domains }
                { task("findings".into(), "Findings and actions".into(), Page::Findings, status(Task::Findings)) }
                { task("sign-off".into(), "Completion and sign-off".into(), Page::SignOff, status(Task::SignOff)) }
            </ul>
            <h2 class="nhsuk-heading-m">{ "National review outcome template" }</h2>
            <ul class="nhsuk-task-list">
                { task("outcome".into(), "Review outcome template".into(), Page::Outcome, status(Task::Outcome)) }
            </ul>
            <h2 class="nhsuk-heading-m">{ "Send your return" }</h2>
            <ul class="nhsuk-task-list">
                { task("summary".into(), "Summary for the board".into(), Page::Summary, Status::Optional) }
                { task("record".into(), "Record of the maturity index".into(), Page::Record, Status::Optional) }
                { task("check".into(), "Check and export".into(), Page::Check, check_status) }
            </ul>
            <p class="nhsuk-body iacmh__no-print"><a class="nhsuk-link" href={Page::ConfirmStartAgain.route()}>{ "Start again" }</a></p>
        </>
    }
}
