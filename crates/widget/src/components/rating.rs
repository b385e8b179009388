//! One maturity question: its id, category tag and text as a legend, the five ratings, and a
//! comment box once it is rated.

use iacmh_review::{Category, Index, QuestionId, Rating};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::context::{Ctx, field_id};
use crate::state::{Action, Edit};

pub fn category_tag(category: Category) -> Html {
    let colour = match category {
        Category::Essential => "nhsuk-tag--red",
        Category::Enhancer => "nhsuk-tag--blue",
        Category::Desirable => "nhsuk-tag--grey",
    };
    html! { <strong class={classes!("nhsuk-tag", colour)}>{ category.label() }</strong> }
}

#[derive(Properties, PartialEq)]
pub struct RatingQuestionProps {
    pub id: QuestionId,
}

#[function_component(RatingQuestion)]
pub fn rating_question(props: &RatingQuestionProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let Some(question) = Index::get(&ctx.state.ret.index_version).and_then(|i| i.question(props.id)) else {
        return Html::default();
    };
    let qid = props.id;
    let pointer = iacmh_review::pointer::answer(qid);
    let name = field_id(&pointer);
    let answer = ctx.state.ret.maturity.answers.get(qid).cloned();
    let legend_id = format!("{name}-legend");
    let radios = Rating::ALL.iter().enumerate().map(|(i, &rating)| {
        let input_id = if i == 0 { name.clone() } else { format!("{name}-{}", rating.key()) };
        let c = ctx.clone();
        let onchange = Callback::from(move |_: Event| c.dispatch(Action::Edit(Edit::Rate(qid, rating))));
        html! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={input_id.clone()} name={name.clone()} type="radio"
                    value={rating.key()} checked={answer.as_ref().map(|a| a.rating) == Some(rating)} {onchange} />
                <label class="nhsuk-label nhsuk-radios__label" for={input_id}>{ rating.label() }</label>
            </div>
        }
    });
    let comment = answer.as_ref().map(|a| {
        let comment_pointer = iacmh_review::pointer::answer_comment(qid);
        let comment_id = field_id(&comment_pointer);
        let error = ctx.error_at(&comment_pointer);
        let c = ctx.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            c.dispatch(Action::Edit(Edit::Comment(qid, text)));
        });
        html! {
            <div class={classes!("nhsuk-form-group", error.is_some().then_some("nhsuk-form-group--error"))}>
                <label class="nhsuk-label" for={comment_id.clone()}>{ format!("Comments on {qid} (optional)") }</label>
                { super::error_message(&comment_id, &error) }
                <textarea class="nhsuk-textarea" id={comment_id.clone()} name={comment_id.clone()} rows="2"
                    aria-describedby={error.is_some().then(|| format!("{comment_id}-error"))}
                    value={a.comment.clone().unwrap_or_default()} {oninput} />
            </div>
        }
    });
    html! {
        <div class="iacmh__question">
            <div class="nhsuk-form-group">
                <fieldset class="nhsuk-fieldset" aria-labelledby={legend_id.clone()}>
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" id={legend_id}>
                        <span class="iacmh__question-id">{ format!("Question {qid} ") }{ category_tag(question.category) }</span>
                        { question.text }
                    </legend>
                    <div class="nhsuk-radios nhsuk-radios--small">{ for radios }</div>
                </fieldset>
            </div>
            { comment.unwrap_or_default() }
        </div>
    }
}
