//! Text, long text, yes/no and checkbox controls, and the control for a template field.

use iacmh_review::Date;
use iacmh_review::template::{Field, Kind};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::context::{Ctx, field_id};
use crate::state::{Action, Edit};

/// The inline error message of the control with `id`, if it has one.
pub fn error_message(id: &str, error: &Option<String>) -> Html {
    match error {
        Some(message) => html! {
            <span class="nhsuk-error-message" id={format!("{id}-error")}>
                <span class="nhsuk-u-visually-hidden">{ "Error: " }</span>{ message.clone() }
            </span>
        },
        None => Html::default(),
    }
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// How a text field differs from a one-line text box with its label in the body size.
#[derive(Default)]
pub struct TextOptions {
    pub hint: Option<&'static str>,
    /// Paragraphs rather than a line.
    pub multiline: bool,
    pub email: bool,
    /// The label's size class, such as `nhsuk-label--s`.
    pub label_class: &'static str,
}

/// A labelled text box (or text area), with its hint and error. A function rather than a
/// component, to keep the wasm small.
pub fn text_input(
    id: &str,
    label: &str,
    value: &str,
    oninput: Callback<String>,
    error: Option<String>,
    options: TextOptions,
) -> Html {
    let describedby = described_by(id, options.hint.is_some(), error.is_some());
    let group = classes!("nhsuk-form-group", error.is_some().then_some("nhsuk-form-group--error"));
    let hint = options.hint.map(|h| html! { <div class="nhsuk-hint" id={format!("{id}-hint")}>{ h }</div> });
    let control = if options.multiline {
        let oninput =
            Callback::from(move |e: InputEvent| oninput.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        html! {
            <textarea class={classes!("nhsuk-textarea", error.is_some().then_some("nhsuk-textarea--error"))}
                id={id.to_owned()} name={id.to_owned()} rows="5" aria-describedby={describedby}
                value={value.to_owned()} {oninput} />
        }
    } else {
        let oninput =
            Callback::from(move |e: InputEvent| oninput.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
        let (kind, autocomplete) = if options.email { ("email", "email") } else { ("text", "off") };
        html! {
            <input class={classes!("nhsuk-input", error.is_some().then_some("nhsuk-input--error"))}
                id={id.to_owned()} name={id.to_owned()} type={kind} autocomplete={autocomplete} spellcheck={(!options.email).to_string()}
                aria-describedby={describedby} value={value.to_owned()} {oninput} />
        }
    };
    html! {
        <div class={group}>
            <label class={classes!("nhsuk-label", options.label_class)} for={id.to_owned()}>{ label.to_owned() }</label>
            { hint.unwrap_or_default() }
            { error_message(id, &error) }
            { control }
        </div>
    }
}

/// A yes/no question: [`yes_no`]'s arguments.
pub struct YesNo<'a> {
    pub id: &'a str,
    pub legend: &'a str,
    pub value: Option<bool>,
    pub onchange: Callback<Option<bool>>,
    pub error: Option<String>,
    /// Shown under the radios: evidence from the maturity index.
    pub extra: Html,
    /// Revealed under "No" when it is chosen (the NHS.UK conditional reveal).
    pub if_no: Option<Html>,
    /// The two answers' words.
    pub yes: &'a str,
    pub no: &'a str,
    /// The legend as a page's section heading (`nhsuk-fieldset__legend--m`) rather than a field's.
    pub heading: bool,
}

/// Two radios, yes and no, under a legend. A function rather than a component, to keep the
/// wasm small.
pub fn yes_no(q: YesNo) -> Html {
    let id = q.id;
    let describedby = described_by(id, false, q.error.is_some());
    let radio = |value: bool, label: &str, input_id: String| {
        let cb = q.onchange.clone();
        let onchange = Callback::from(move |_: Event| cb.emit(Some(value)));
        html! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={input_id.clone()} name={id.to_owned()} type="radio"
                    value={if value { "yes" } else { "no" }} checked={q.value == Some(value)} {onchange} />
                <label class="nhsuk-label nhsuk-radios__label" for={input_id}>{ label.to_owned() }</label>
            </div>
        }
    };
    html! {
        <div class={classes!("nhsuk-form-group", q.error.is_some().then_some("nhsuk-form-group--error"))}>
            <fieldset class="nhsuk-fieldset" aria-describedby={describedby}>
                { if q.heading { html! {
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                        <h2 class="nhsuk-fieldset__heading">{ q.legend.to_owned() }</h2>
                    </legend>
                } } else { html! {
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{ q.legend.to_owned() }</legend>
                } } }
                { error_message(id, &q.error) }
                { match (&q.if_no, q.value) {
                    // Stacked, so that what "No" reveals sits under it.
                    (Some(revealed), value) => html! {
                        <div class="nhsuk-radios nhsuk-radios--conditional">
                            { radio(true, q.yes, id.to_owned()) }
                            { radio(false, q.no, format!("{id}-no")) }
                            { if value == Some(false) { html! {
                                <div class="nhsuk-radios__conditional" id={format!("{id}-conditional")}>{ revealed.clone() }</div>
                            } } else { Html::default() } }
                        </div>
                    },
                    (None, _) => html! {
                        <div class={classes!("nhsuk-radios", (!q.heading).then_some("nhsuk-radios--inline"))}>
                            { radio(true, q.yes, id.to_owned()) }
                            { radio(false, q.no, format!("{id}-no")) }
                        </div>
                    },
                } }
                { q.extra }
            </fieldset>
        </div>
    }
}

/// One checkbox of a group (a function rather than a component, to keep the wasm small).
pub fn checkbox(id: &str, label: &str, checked: bool, onchange: Callback<bool>) -> Html {
    let onchange =
        Callback::from(move |e: Event| onchange.emit(e.target_unchecked_into::<HtmlInputElement>().checked()));
    html! {
        <div class="nhsuk-checkboxes__item">
            <input class="nhsuk-checkboxes__input" id={id.to_owned()} name={id.to_owned()} type="checkbox" {checked} {onchange} />
            <label class="nhsuk-label nhsuk-checkboxes__label" for={id.to_owned()}>{ label.to_owned() }</label>
        </div>
    }
}

/// The control for one field of the national template, chosen by its kind; `extra` is shown
/// under a yes/no field's answers (evidence), `if_no` revealed under its "No".
pub fn template_field(ctx: &Ctx, field: Field, extra: Html, if_no: Option<Html>) -> Html {
    let outcome = &ctx.state.ret.outcome;
    let id = field_id(field.pointer());
    let error = ctx.error_at(field.pointer());
    let optional = field.is_optional(ctx.state.ret.scope.level);
    let label = if optional { format!("{} (optional)", field.label()) } else { field.label().to_owned() };
    match field.kind() {
        Kind::YesNo => {
            let c = ctx.clone();
            let onchange = Callback::from(move |v| c.dispatch(Action::Edit(Edit::Answer(field, v))));
            yes_no(YesNo {
                id: &id,
                legend: &label,
                value: field.answer(outcome),
                onchange,
                error,
                extra,
                if_no,
                yes: "Yes",
                no: "No",
                heading: false,
            })
        }
        kind => {
            let c = ctx.clone();
            let oninput = Callback::from(move |v: String| c.dispatch(Action::Edit(Edit::Text(field, v))));
            let options = TextOptions {
                hint: (kind == Kind::Lines).then_some("One per line"),
                multiline: matches!(kind, Kind::LongText | Kind::Lines),
                email: kind == Kind::Email,
                label_class: "nhsuk-label--s",
            };
            text_input(&id, &label, &field.text(outcome), oninput, error, options)
        }
    }
}

/// How a stored date reads in the box: "30 September 2024", or the text as typed.
fn shown(stored: &str) -> String {
    Date::parse(stored).map_or_else(|| stored.to_owned(), Date::long)
}

/// A date typed as people in the UK write it ("30/09/2024", "30 Sept 2024"), read by the
/// crate's [`Date::parse_uk`], stored as `YYYY-MM-DD` (or the text itself when it is not a
/// date, so that nothing typed is lost and validation says what is wrong: `onchange` gets
/// either) and shown back in words once the field is left; a date that cannot be read is said
/// so at once, on leaving the field. The text being typed is held at the top (`Model::typing`).
///
/// One text box rather than the NHS.UK three-box date input: the group types dates as they
/// write them, and one box keeps the keyboard path short; the pattern's inline error on
/// leaving the field is kept.
pub fn date_input(
    ctx: &Ctx,
    id: &str,
    label: &str,
    stored: Option<&str>,
    onchange: Callback<String>,
    error: Option<String>,
    label_class: &'static str,
) -> Html {
    let text = match &ctx.state.typing {
        Some((at, text)) if at == id => text.clone(),
        _ => shown(stored.unwrap_or_default()),
    };
    let oninput = {
        let (ctx, id) = (ctx.clone(), id.to_owned());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            onchange.emit(Date::parse_uk(&value).map_or_else(|| value.clone(), |d| d.to_string()));
            ctx.dispatch(Action::Typing(id.clone(), value));
        })
    };
    let onblur = {
        let (ctx, id) = (ctx.clone(), id.to_owned());
        Callback::from(move |_: FocusEvent| ctx.dispatch(Action::Typed(id.clone())))
    };
    let error = if ctx.state.unreadable.iter().any(|u| u == id) {
        Some(format!("{label} must be a real date, like 30 September 2024 or 30/09/2024"))
    } else {
        error
    };
    let describedby = described_by(id, true, error.is_some());
    html! {
        <div class={classes!("nhsuk-form-group", error.is_some().then_some("nhsuk-form-group--error"))}>
            <label class={classes!("nhsuk-label", label_class)} for={id.to_owned()}>{ label.to_owned() }</label>
            <div class="nhsuk-hint" id={format!("{id}-hint")}>{ "For example, 31 March 2025 or 31/03/2025" }</div>
            { error_message(id, &error) }
            <input class={classes!("nhsuk-input", "nhsuk-input--width-10", error.is_some().then_some("nhsuk-input--error"))}
                id={id.to_owned()} name={id.to_owned()} type="text" autocomplete="off" spellcheck="false"
                aria-describedby={describedby} value={text} {oninput} {onblur} />
        </div>
    }
}
