//! Text, long text, yes/no and checkbox controls, and the control for a template field.

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

#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    /// Paragraphs rather than a line.
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub email: bool,
    #[prop_or_default]
    pub label_class: Classes,
}

#[function_component(TextInput)]
pub fn text_input(props: &TextInputProps) -> Html {
    let id = props.id.to_string();
    let describedby = described_by(&id, props.hint.is_some(), props.error.is_some());
    let group = classes!("nhsuk-form-group", props.error.is_some().then_some("nhsuk-form-group--error"));
    let hint =
        props.hint.as_ref().map(|h| html! { <div class="nhsuk-hint" id={format!("{id}-hint")}>{ h.clone() }</div> });
    let control = if props.multiline {
        let cb = props.oninput.clone();
        let oninput =
            Callback::from(move |e: InputEvent| cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        html! {
            <textarea class={classes!("nhsuk-textarea", props.error.is_some().then_some("nhsuk-textarea--error"))}
                id={id.clone()} name={id.clone()} rows="5" aria-describedby={describedby}
                value={props.value.clone()} {oninput} />
        }
    } else {
        let cb = props.oninput.clone();
        let oninput =
            Callback::from(move |e: InputEvent| cb.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
        let (kind, autocomplete) = if props.email { ("email", "email") } else { ("text", "off") };
        html! {
            <input class={classes!("nhsuk-input", props.error.is_some().then_some("nhsuk-input--error"))}
                id={id.clone()} name={id.clone()} type={kind} autocomplete={autocomplete} spellcheck={(!props.email).to_string()}
                aria-describedby={describedby} value={props.value.clone()} {oninput} />
        }
    };
    html! {
        <div class={group}>
            <label class={classes!("nhsuk-label", props.label_class.clone())} for={id.clone()}>{ props.label.clone() }</label>
            { hint.unwrap_or_default() }
            { error_message(&id, &props.error) }
            { control }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct YesNoProps {
    pub id: AttrValue,
    pub legend: AttrValue,
    pub value: Option<bool>,
    pub onchange: Callback<Option<bool>>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    /// Shown under the radios: evidence from the maturity index.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(YesNo)]
pub fn yes_no(props: &YesNoProps) -> Html {
    let id = props.id.to_string();
    let describedby = described_by(&id, props.hint.is_some(), props.error.is_some());
    let radio = |value: bool, label: &str, input_id: String| {
        let cb = props.onchange.clone();
        let onchange = Callback::from(move |_: Event| cb.emit(Some(value)));
        html! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={input_id.clone()} name={id.clone()} type="radio"
                    value={if value { "yes" } else { "no" }} checked={props.value == Some(value)} {onchange} />
                <label class="nhsuk-label nhsuk-radios__label" for={input_id}>{ label.to_owned() }</label>
            </div>
        }
    };
    html! {
        <div class={classes!("nhsuk-form-group", props.error.is_some().then_some("nhsuk-form-group--error"))}>
            <fieldset class="nhsuk-fieldset" aria-describedby={describedby}>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{ props.legend.clone() }</legend>
                { props.hint.as_ref().map(|h| html! { <div class="nhsuk-hint" id={format!("{id}-hint")}>{ h.clone() }</div> }).unwrap_or_default() }
                { error_message(&id, &props.error) }
                <div class="nhsuk-radios nhsuk-radios--inline">
                    { radio(true, "Yes", id.clone()) }
                    { radio(false, "No", format!("{id}-no")) }
                </div>
                { props.children.clone() }
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
}

#[function_component(Checkbox)]
pub fn checkbox(props: &CheckboxProps) -> Html {
    let cb = props.onchange.clone();
    let onchange = Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked()));
    html! {
        <div class="nhsuk-checkboxes__item">
            <input class="nhsuk-checkboxes__input" id={props.id.clone()} name={props.id.clone()} type="checkbox"
                checked={props.checked} {onchange} />
            <label class="nhsuk-label nhsuk-checkboxes__label" for={props.id.clone()}>{ props.label.clone() }</label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TemplateFieldProps {
    pub field: Field,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// The control for one field of the national template, chosen by its kind.
#[function_component(TemplateField)]
pub fn template_field(props: &TemplateFieldProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let field = props.field;
    let outcome = &ctx.state.ret.outcome;
    let id = field_id(field.pointer());
    let error = ctx.error_at(field.pointer());
    let optional = matches!(field.requirement(), iacmh_review::template::Requirement::Optional);
    let label = if optional { format!("{} (optional)", field.label()) } else { field.label().to_owned() };
    match field.kind() {
        Kind::YesNo => {
            let c = ctx.clone();
            let onchange = Callback::from(move |v| c.dispatch(Action::Edit(Edit::Answer(field, v))));
            html! {
                <YesNo id={id} legend={label} value={field.answer(outcome)} {onchange} {error} hint={props.hint.clone()}>
                    { props.children.clone() }
                </YesNo>
            }
        }
        kind => {
            let c = ctx.clone();
            let oninput = Callback::from(move |v: String| c.dispatch(Action::Edit(Edit::Text(field, v))));
            let hint = props.hint.clone().or_else(|| (kind == Kind::Lines).then(|| AttrValue::from("One per line")));
            html! {
                <TextInput id={id} label={label} value={field.text(outcome)} {oninput} {error} {hint}
                    multiline={matches!(kind, Kind::LongText | Kind::Lines)} email={kind == Kind::Email}
                    label_class="nhsuk-label--s" />
            }
        }
    }
}
