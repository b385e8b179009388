//! One maturity question as a compact row: its number, category and whole question as the
//! legend, the five ratings on one line where the width allows, and the comment a click away
//! once it is rated.
//!
//! It renders from its properties alone (no context), so that rating one question re-renders
//! that question and no other.

use iacmh_review::{Answer, Category, Question, Rating};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::context::field_id;
use crate::shared::Static;
use crate::state::{Action, Edit, Model};

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
    pub question: Static<Question>,
    pub answer: Option<Answer>,
    /// The comment's error message, once errors are shown.
    pub comment_error: Option<String>,
    /// The crate has something to say about the comment (an essential question rated not
    /// applicable wants one): show the comment box open.
    pub comment_flagged: bool,
    pub dispatch: UseReducerDispatcher<Model>,
}

#[function_component(RatingQuestion)]
pub fn rating_question(props: &RatingQuestionProps) -> Html {
    let question = props.question.0;
    let qid = question.id;
    let name = field_id(&iacmh_review::pointer::answer(qid));
    let rating = props.answer.as_ref().map(|a| a.rating);
    let opened = use_mut_ref(|| false);
    let (legend_id, number_id, text_id) = (format!("{name}-legend"), format!("{name}-n"), format!("{name}-q"));
    // Each radio is named by its rating and the whole question (the legend names only the
    // group): composed by reference rather than repeating the question's text in every label.
    let radios = Rating::ALL.iter().enumerate().map(|(i, &r)| {
        let input_id = if i == 0 { name.clone() } else { format!("{name}-{}", r.key()) };
        let label_id = format!("{input_id}-label");
        let labelled_by = format!("{label_id} {number_id} {text_id}");
        html! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={input_id.clone()} name={name.clone()} type="radio" value={r.key()}
                    checked={rating == Some(r)} aria-labelledby={labelled_by} />
                <label class="nhsuk-label nhsuk-radios__label" id={label_id} for={input_id}>{ r.label() }</label>
            </div>
        }
    });
    let radios: Html = radios.collect();
    // One listener for the five radios (a change event bubbles to the fieldset), not one each:
    // a domain page's 33 questions register 33 rather than 165 with Yew, and opening domain 1
    // measured 16.9 -> 14.5 ms click to paint (pooled over 40 clicks, back to back).
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            if let Some(r) = Rating::from_key(&value) {
                dispatch.dispatch(Action::Edit(Edit::Rate(qid, r)));
            }
        })
    };
    html! {
        <div class="iacmh__question">
            <fieldset class="nhsuk-fieldset" aria-labelledby={legend_id.clone()} {onchange}>
                <legend class="nhsuk-fieldset__legend iacmh__legend" id={legend_id}>
                    <span class="iacmh__question-id" id={number_id}>
                        <span class="nhsuk-u-visually-hidden">{ "Question " }</span>{ qid.to_string() }
                    </span>
                    { " " }{ category_tag(question.category) }{ " " }
                    // The stem is the heading above, so the eye has it; a screen reader, a
                    // voice command or a list of controls needs it here.
                    <span id={text_id}>
                        { question.stem().map(|stem| html! { <span class="nhsuk-u-visually-hidden">{ stem + " " }</span> }).unwrap_or_default() }
                        { question.text }
                    </span>
                </legend>
                <div class="nhsuk-radios nhsuk-radios--small nhsuk-radios--inline">{ radios }</div>
            </fieldset>
            // Unrated, an empty line holds the comment's place: rating then moves nothing below
            // (no jump under the pointer, and the browser repaints one question, not the screen).
            { props.answer.as_ref().map_or_else(|| html! { <div class="iacmh__comment"></div> }, |a| comment(props, a, &opened)) }
        </div>
    }
}

/// The comment on a rated question, in an NHS.UK details element: behind "Add a comment"
/// until it holds something. `opened` latches: once open, a re-render never closes the box
/// being typed in (clearing the comment must not shut it).
fn comment(props: &RatingQuestionProps, answer: &Answer, opened: &std::cell::RefCell<bool>) -> Html {
    let qid = props.question.0.id;
    let pointer = iacmh_review::pointer::answer_comment(qid);
    let id = field_id(&pointer);
    let has_text = answer.comment.as_deref().is_some_and(|c| !c.trim().is_empty());
    let error = &props.comment_error;
    if has_text || props.comment_flagged || error.is_some() {
        *opened.borrow_mut() = true;
    }
    let dispatch = props.dispatch.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
        dispatch.dispatch(Action::Edit(Edit::Comment(qid, text)));
    });
    html! {
        <details class="nhsuk-details iacmh__comment" open={*opened.borrow()}>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">
                    { if has_text { "Comment" } else { "Add a comment" } }
                    <span class="nhsuk-u-visually-hidden">{ format!(" on question {qid}") }</span>
                </span>
            </summary>
            <div class={classes!("nhsuk-details__text", "nhsuk-form-group", "nhsuk-u-margin-bottom-0", error.is_some().then_some("nhsuk-form-group--error"))}>
                <label class="nhsuk-label" for={id.clone()}>{ format!("Comments on {qid} (optional)") }</label>
                { super::error_message(&id, error) }
                <textarea class="nhsuk-textarea nhsuk-u-margin-bottom-0" id={id.clone()} name={id.clone()} rows="2"
                    aria-describedby={error.is_some().then(|| format!("{id}-error"))}
                    value={answer.comment.clone().unwrap_or_default()} {oninput} />
            </div>
        </details>
    }
}
