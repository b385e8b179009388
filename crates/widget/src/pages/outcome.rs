//! The national review outcome template, section by section. Gaps and barriers appear when the
//! ICB is not assured; each provision question shows the maturity answers that evidence it.

use iacmh_review::template::{Field, Section};
use iacmh_review::{BarrierCategory, Index};
use yew::prelude::*;

use super::heading;
use crate::components::{Checkbox, TemplateField, back_link};
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
                    html! { <li>{ format!("{}: {} ", q.id, q.text) }<strong>{ rating }</strong></li> }
                }) }
            </ul>
        </div>
    }
}

pub fn outcome_page(ctx: &Ctx) -> Html {
    let outcome = &ctx.state.ret.outcome;
    let sections = Section::ALL.iter().map(|&section| {
        let fields = Field::ALL.iter().copied().filter(|f| f.section() == section).map(|field| match field {
            f if !f.is_shown(outcome) => Html::default(),
            Field::Barriers => {
                let boxes = BarrierCategory::ALL.iter().map(|&category| {
                    let c = ctx.clone();
                    let onchange = Callback::from(move |on| c.dispatch(Action::Edit(Edit::Barrier(category, on))));
                    html! {
                        <Checkbox id={format!("iacmh-barrier-{}", category.key())} label={category.label()}
                            checked={outcome.barriers.categories.contains(&category)} {onchange} />
                    }
                });
                html! {
                    <>
                        <TemplateField {field} />
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
            f if f.provision().is_some() => html! { <TemplateField field={f}>{ evidence(ctx, f) }</TemplateField> },
            f => html! { <TemplateField field={f} /> },
        });
        html! {
            <>
                <h2 class="nhsuk-heading-m">{ section.title() }</h2>
                { for fields }
            </>
        }
    });
    let c2 = ctx.clone();
    let done = Callback::from(move |_: MouseEvent| c2.dispatch(Action::Go(Page::Tasks)));
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Review outcome template", Some("Intensive and assertive community mental health treatment".into())) }
            <p class="nhsuk-body">{ "The questions NHS England asks every ICB, in its wording." }</p>
            { for sections }
            <button class="nhsuk-button" type="button" onclick={done}>{ "Continue to your review" }</button>
        </>
    }
}
