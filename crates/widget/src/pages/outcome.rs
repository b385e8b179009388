//! The national review outcome template, section by section. The fields asked only when the
//! ICB is not assured are revealed under "No"; each provision question shows the maturity
//! answers that evidence it, as whole questions.

use iacmh_review::template::{Field, Requirement, Section};
use iacmh_review::{BarrierCategory, Index, Task};
use yew::prelude::*;

use super::heading;
use crate::components::{back_link, checkbox, mark_complete, template_field};
use crate::context::Ctx;
use crate::state::{Action, Edit, Page};

/// The maturity answers behind a provision question.
fn evidence(ctx: &Ctx, field: Field) -> Html {
    let ret = &ctx.state.ret;
    let Some(index) = Index::get(&ret.index_version) else {
        return Html::default();
    };
    let Some(link) = field.provision().and_then(|q| index.provision_link(q)) else {
        return Html::default();
    };
    html! {
        <div class="iacmh__evidence">
            <p class="nhsuk-body-s nhsuk-u-margin-bottom-1"><strong>{ "Evidence from the maturity index" }</strong></p>
            <ul class="nhsuk-list nhsuk-body-s">
                { for link.evidence.iter().filter_map(|id| index.question(*id)).map(|q| {
                    let rating = ret.maturity.answers.rating(q.id).map_or("Not answered yet", |r| r.label());
                    html! { <li>{ format!("{}: {} ", q.id, q.full_text()) }<strong>{ rating }</strong></li> }
                }) }
            </ul>
        </div>
    }
}

pub fn outcome_page(ctx: &Ctx) -> Html {
    let outcome = &ctx.state.ret.outcome;
    let control = |field: Field| match field {
        f if !f.is_shown(outcome) => Html::default(),
        Field::Barriers => {
            let boxes = BarrierCategory::ALL.iter().map(|&category| {
                let c = ctx.clone();
                let onchange = Callback::from(move |on| c.dispatch(Action::Edit(Edit::Barrier(category, on))));
                html! {
                    { checkbox(&format!("iacmh-barrier-{}", category.key()), category.label(),
                        outcome.barriers.categories.contains(&category), onchange) }
                }
            });
            html! {
                <>
                    { template_field(ctx, field, Html::default(), None) }
                    <div class="nhsuk-form-group">
                        <fieldset class="nhsuk-fieldset" aria-describedby="iacmh-barrier-hint">
                            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{ "Which kinds of barrier are these?" }</legend>
                            <div class="nhsuk-hint" id="iacmh-barrier-hint">{ "Select all that apply. NHS England counts these across ICBs." }</div>
                            <div class="nhsuk-checkboxes nhsuk-checkboxes--small">{ for boxes }</div>
                        </fieldset>
                    </div>
                </>
            }
        }
        f if f.provision().is_some() => template_field(ctx, f, evidence(ctx, f), None),
        f => template_field(ctx, f, Html::default(), None),
    };
    // Asked only when not assured: revealed under "No" to the assurance question.
    let if_not_assured = |f: &Field| f.requirement() == Requirement::WhenNotAssured;
    let revealed = html! { <>{ for Field::ALL.iter().copied().filter(if_not_assured).map(control) }</> };
    let sections = Section::ALL.iter().map(|&section| {
        let fields = Field::ALL.iter().copied().filter(|f| f.section() == section && !if_not_assured(f)).map(|field| {
            if field == Field::Assured {
                template_field(ctx, field, Html::default(), Some(revealed.clone()))
            } else {
                control(field)
            }
        });
        html! {
            <>
                <h2 class="nhsuk-heading-m">{ section.title() }</h2>
                { for fields }
            </>
        }
    });
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Review outcome template", Some("Intensive and assertive community mental health treatment".into())) }
            <p class="nhsuk-body">{ "The questions NHS England asks every ICB, in its wording." }</p>
            { for sections }
            { mark_complete(ctx, Task::Outcome, Page::Tasks) }
        </>
    }
}
