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
    /// Revealed under "No" when it is chosen (the NHS.UK conditional reveal).
    #[prop_or_default]
    pub if_no: Option<Html>,
    /// The two answers' words.
    #[prop_or(AttrValue::Static("Yes"))]
    pub yes: AttrValue,
    #[prop_or(AttrValue::Static("No"))]
    pub no: AttrValue,
    /// The legend as a page's section heading (`nhsuk-fieldset__legend--m`) rather than a field's.
    #[prop_or_default]
    pub heading: bool,
}

#[function_component(YesNo)]
pub fn yes_no(props: &YesNoProps) -> Html {
    let id = props.id.to_string();
    let describedby = described_by(&id, props.hint.is_some(), props.error.is_some());
    let radio = |value: bool, label: &AttrValue, input_id: String| {
        let cb = props.onchange.clone();
        let onchange = Callback::from(move |_: Event| cb.emit(Some(value)));
        html! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={input_id.clone()} name={id.clone()} type="radio"
                    value={if value { "yes" } else { "no" }} checked={props.value == Some(value)} {onchange} />
                <label class="nhsuk-label nhsuk-radios__label" for={input_id}>{ label.clone() }</label>
            </div>
        }
    };
    html! {
        <div class={classes!("nhsuk-form-group", props.error.is_some().then_some("nhsuk-form-group--error"))}>
            <fieldset class="nhsuk-fieldset" aria-describedby={describedby}>
                { if props.heading { html! {
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                        <h2 class="nhsuk-fieldset__heading">{ props.legend.clone() }</h2>
                    </legend>
                } } else { html! {
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{ props.legend.clone() }</legend>
                } } }
                { props.hint.as_ref().map(|h| html! { <div class="nhsuk-hint" id={format!("{id}-hint")}>{ h.clone() }</div> }).unwrap_or_default() }
                { error_message(&id, &props.error) }
                { match (&props.if_no, props.value) {
                    // Stacked, so that what "No" reveals sits under it.
                    (Some(revealed), value) => html! {
                        <div class="nhsuk-radios nhsuk-radios--conditional">
                            { radio(true, &props.yes, id.clone()) }
                            { radio(false, &props.no, format!("{id}-no")) }
                            { if value == Some(false) { html! {
                                <div class="nhsuk-radios__conditional" id={format!("{id}-conditional")}>{ revealed.clone() }</div>
                            } } else { Html::default() } }
                        </div>
                    },
                    (None, _) => html! {
                        <div class={classes!("nhsuk-radios", (!props.heading).then_some("nhsuk-radios--inline"))}>
                            { radio(true, &props.yes, id.clone()) }
                            { radio(false, &props.no, format!("{id}-no")) }
                        </div>
                    },
                } }
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
    /// For a yes/no field: what "No" reveals.
    #[prop_or_default]
    pub if_no: Option<Html>,
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
                <YesNo id={id} legend={label} value={field.answer(outcome)} {onchange} {error} hint={props.hint.clone()}
                    if_no={props.if_no.clone()}>
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

#[derive(Properties, PartialEq)]
pub struct DateInputProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The date as the return stores it: `YYYY-MM-DD`, or the text typed if it was not a date.
    pub value: Option<String>,
    /// Called with `YYYY-MM-DD` when the text is a date, else with the text itself (so that
    /// nothing typed is lost, and validation says what is wrong).
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or_default]
    pub label_class: Classes,
}

/// How a stored date reads in the box: "30 September 2024", or the text as typed.
fn shown(stored: &str) -> String {
    Date::parse(stored).map_or_else(|| stored.to_owned(), Date::long)
}

/// A date typed as people in the UK write it ("30/09/2024", "30 Sept 2024"), read by the
/// crate's [`Date::parse_uk`], stored as `YYYY-MM-DD` and shown back in words once the field is
/// left; a date that cannot be read is said so at once, on leaving the field.
///
/// One text box rather than the NHS.UK three-box date input: the group types dates as they
/// write them, and one box keeps the keyboard path short; the pattern's inline error on
/// leaving the field is kept.
#[function_component(DateInput)]
pub fn date_input(props: &DateInputProps) -> Html {
    let id = props.id.to_string();
    let stored = props.value.clone().unwrap_or_default();
    let text = use_state(|| shown(&stored));
    let unreadable = use_state(|| false);
    {
        // Follow the stored value when it changes elsewhere (an import, a row removed above).
        let (text, unreadable) = (text.clone(), unreadable.clone());
        use_effect_with(stored.clone(), move |stored| {
            let typed = Date::parse_uk(&text).map_or_else(|| text.trim().to_owned(), |d| d.to_string());
            if typed != stored.trim() {
                text.set(shown(stored));
                unreadable.set(false);
            }
        });
    }
    let oninput = {
        let (cb, text) = (props.onchange.clone(), text.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit(Date::parse_uk(&value).map_or_else(|| value.clone(), |d| d.to_string()));
            text.set(value);
        })
    };
    let onblur = {
        let (text, unreadable) = (text.clone(), unreadable.clone());
        Callback::from(move |_: FocusEvent| match Date::parse_uk(&text) {
            Some(d) => {
                text.set(d.long());
                unreadable.set(false);
            }
            None => unreadable.set(!text.trim().is_empty()),
        })
    };
    let error = if *unreadable {
        Some(format!("{} must be a real date, like 30 September 2024 or 30/09/2024", props.label))
    } else {
        props.error.clone()
    };
    let describedby = described_by(&id, true, error.is_some());
    html! {
        <div class={classes!("nhsuk-form-group", error.is_some().then_some("nhsuk-form-group--error"))}>
            <label class={classes!("nhsuk-label", props.label_class.clone())} for={id.clone()}>{ props.label.clone() }</label>
            <div class="nhsuk-hint" id={format!("{id}-hint")}>{ "For example, 31 March 2025 or 31/03/2025" }</div>
            { error_message(&id, &error) }
            <input class={classes!("nhsuk-input", "nhsuk-input--width-10", error.is_some().then_some("nhsuk-input--error"))}
                id={id.clone()} name={id.clone()} type="text" autocomplete="off" spellcheck="false"
                aria-describedby={describedby} value={(*text).clone()} {oninput} {onblur} />
        </div>
    }
}
