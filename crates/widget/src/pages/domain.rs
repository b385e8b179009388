//! One domain of the maturity index: its questions under their headings.

use iacmh_review::{Index, Task};
use yew::prelude::*;

use super::heading;
use crate::components::{MarkComplete, RatingQuestion, back_link};
use crate::context::Ctx;
use crate::state::Page;

#[derive(Properties, PartialEq)]
pub struct DomainPageProps {
    pub number: u8,
}

#[function_component(DomainPage)]
pub fn domain_page(props: &DomainPageProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let index = Index::get(&ctx.state.ret.index_version).unwrap_or_else(Index::current);
    let Some(domain) = index.domain(props.number) else {
        return html! { <p class="nhsuk-body">{ "There is no such domain." }</p> };
    };
    let count = index.domains.len() as u8;
    let next = if props.number < count { Page::Domain(props.number + 1) } else { Page::Tasks };

    // Print a heading whenever it changes from the previous question's.
    let mut last: (Option<&str>, Option<&str>) = (None, None);
    let mut body = Vec::new();
    for q in domain.questions {
        let here = (q.heading, q.subheading);
        if here.0 != last.0
            && let Some(h) = here.0
        {
            body.push(html! { <h2 class="nhsuk-heading-s iacmh__heading-group">{ h.to_owned() }</h2> });
        }
        if here != last
            && let Some(s) = here.1
        {
            body.push(html! { <h3 class="nhsuk-heading-xs">{ s.to_owned() }</h3> });
        }
        last = here;
        body.push(html! { <RatingQuestion key={q.id.to_string()} id={q.id} /> });
    }
    let progress =
        ctx.derived.completeness.domains.get(usize::from(props.number) - 1).map(|d| d.progress).unwrap_or_default();
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading(format!("{}. {}", domain.number, domain.title), Some(format!("Domain {} of {}", domain.number, count))) }
            <p class="nhsuk-body">
                { format!("{} of {} questions answered. ", progress.done, progress.total) }
                { "For each question, choose the answer that best describes where you are now, and add a comment to say why." }
            </p>
            { for body }
            <MarkComplete key={props.number} task={Task::Domain(props.number)} {next} />
        </>
    }
}
