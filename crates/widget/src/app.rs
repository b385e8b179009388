//! The top of the widget: restores the last draft, saves every change (debounced, and at once
//! when the page is hidden), notices another tab writing the same draft, moves focus on page
//! changes, and shows the page.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::status_bar;
use crate::context::{Ctx, Derived};
use crate::pages::{
    CheckPage, ConfirmClearDevice, ConfirmStartAgain, DomainPage, FindingsPage, OutcomePage, SignOffPage, StartPage,
    SummaryPage, TasksPage,
};
use crate::shared::Shared;
use crate::state::{Action, Model, Page};
use crate::storage::{Store, new_draft_id};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Prefix of every storage key, so that two widgets on one site keep apart.
    pub storage_key: AttrValue,
    /// The stylesheet's URL, as the host gave it: the widget's other files sit beside it.
    pub assets: AttrValue,
}

/// How the last save went.
#[derive(Clone, Debug, PartialEq)]
enum Saved {
    Nothing,
    At(String),
    Failed(String),
}

/// Opens the draft last open in this browser, or a new one.
fn restore(store: &Store) -> (Model, Option<String>) {
    if let Err(e) = store.list() {
        return (Model::fresh(new_draft_id()), Some(e.to_string()));
    }
    let candidate = store.current().or_else(|| store.list().ok()?.first().map(|d| d.id.clone()));
    match candidate.map(|id| (store.load(&id), id)) {
        Some((Ok(Some(ret)), id)) => (Model::new(id, ret, Page::Tasks), None),
        Some((Err(e), _)) => (Model::fresh(new_draft_id()), Some(e.to_string())),
        _ => (Model::fresh(new_draft_id()), None),
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = use_memo(props.storage_key.clone(), |key| Store::new(key));
    let initial = use_memo((), {
        let store = store.clone();
        move |_| restore(&store)
    });
    let state = use_reducer({
        let initial = initial.clone();
        move || initial.0.clone()
    });
    let saved = use_state(|| match &initial.1 {
        Some(problem) => Saved::Failed(problem.clone()),
        None => Saved::Nothing,
    });
    let conflict = use_state(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);
    let root = use_node_ref();

    // Autosave: each change replaces the pending one and restarts a short timer.
    {
        let (store, saved, timer, conflict) = (store.clone(), saved.clone(), timer.clone(), conflict.clone());
        let ret = state.ret.clone();
        use_effect_with((state.draft.clone(), state.revision), move |(draft, revision)| {
            if *revision > 0 && !*conflict {
                if let Err(e) = store.stage(draft, ret) {
                    saved.set(Saved::Failed(e.to_string()));
                }
                let store = store.clone();
                *timer.borrow_mut() = Some(Timeout::new(400, move || match store.flush() {
                    Some(Ok(())) => saved.set(Saved::At(browser::clock())),
                    Some(Err(e)) => saved.set(Saved::Failed(e.to_string())),
                    None => {}
                }));
            }
        });
    }
    // Save at once when the page is hidden or closed, so that nothing waits on the timer.
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let listener = EventListener::new(&window, "pagehide", move |_| {
                let _ = store.flush();
            });
            move || drop(listener)
        });
    }
    // Another tab saving this draft: stop saving here, and ask which version to keep.
    {
        let (store, conflict) = (store.clone(), conflict.clone());
        use_effect_with(state.draft.clone(), move |draft| {
            let draft = draft.clone();
            let window = gloo::utils::window();
            let listener = EventListener::new(&window, "storage", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
                let ours = event.key().is_some_and(|k| store.is_draft_key(&k, &draft));
                if ours && event.new_value().is_some() {
                    store.discard();
                    conflict.set(true);
                }
            });
            move || drop(listener)
        });
    }
    // Focus the heading (or the field an error links to) after the page renders; a domain page
    // that rendered only its first screen renders the rest once that has painted.
    {
        let (root, partial, dispatcher) = (root.clone(), state.partial, state.dispatcher());
        use_effect_with(state.focus.clone(), move |(seq, id)| {
            if *seq > 0
                && let Some(el) = root.cast::<web_sys::Element>()
            {
                browser::focus_by_id(&el, id);
            }
            if partial {
                browser::after_next_paint(move || dispatcher.dispatch(Action::Painted));
            }
        });
    }

    let derived = {
        let ret = state.ret.clone();
        use_memo(ret, |ret| Derived::of(ret))
    };
    let ctx = Ctx {
        state: state.clone(),
        derived: Shared(derived),
        store: Shared(store.clone()),
        assets: props.assets.clone(),
    };

    let page = match state.page {
        Page::Start => html! { <StartPage /> },
        Page::Tasks => html! { <TasksPage /> },
        Page::Domain(n) => html! { <DomainPage number={n} /> },
        Page::Outcome => html! { <OutcomePage /> },
        Page::Findings => html! { <FindingsPage /> },
        Page::SignOff => html! { <SignOffPage /> },
        Page::Summary => html! { <SummaryPage /> },
        Page::Check => html! { <CheckPage /> },
        Page::ConfirmStartAgain => html! { <ConfirmStartAgain /> },
        Page::ConfirmClearDevice => html! { <ConfirmClearDevice /> },
    };
    let status = match &*saved {
        Saved::Nothing => String::new(),
        Saved::At(time) => format!("Saved in this browser at {time}"),
        Saved::Failed(_) => "Not saved".to_owned(),
    };
    let problem = match &*saved {
        Saved::Failed(message) => {
            let c = ctx.clone();
            let export = Callback::from(move |_: MouseEvent| {
                let ret = &c.state.ret;
                let _ = browser::download(&ret.file_name(&browser::today()), &ret.to_json(), "application/json");
            });
            html! {
                <div class="nhsuk-error-summary" role="alert" aria-labelledby="iacmh-storage-title">
                    <h2 class="nhsuk-error-summary__title" id="iacmh-storage-title">{ "Your answers are not being saved" }</h2>
                    <div class="nhsuk-error-summary__body">
                        <p>{ message.clone() }</p>
                        <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onclick={export}>
                            { "Export the return now" }
                        </button>
                    </div>
                </div>
            }
        }
        _ => Html::default(),
    };
    let conflict_banner = (*conflict).then(|| {
        let (c1, c2, f1, f2) = (ctx.clone(), ctx.clone(), conflict.clone(), conflict.clone());
        let use_theirs = Callback::from(move |_: MouseEvent| {
            if let Ok(Some(ret)) = c1.store.load(&c1.state.draft) {
                c1.dispatch(Action::Open { id: c1.state.draft.clone(), ret: Box::new(ret), page: c1.state.page, save: false });
            }
            f1.set(false);
        });
        let keep_mine = Callback::from(move |_: MouseEvent| {
            let ret = (*c2.state.ret).clone();
            c2.dispatch(Action::Open { id: new_draft_id(), ret: Box::new(ret), page: c2.state.page, save: true });
            f2.set(false);
        });
        html! {
            <div class="nhsuk-error-summary" role="alert" aria-labelledby="iacmh-conflict-title">
                <h2 class="nhsuk-error-summary__title" id="iacmh-conflict-title">{ "This draft was changed in another tab" }</h2>
                <div class="nhsuk-error-summary__body">
                    <p>{ "Saving here has stopped so that neither version overwrites the other. Choose which to keep." }</p>
                    <div class="iacmh__actions">
                        <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onclick={use_theirs}>
                            { "Use the other tab's version" }
                        </button>
                        <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onclick={keep_mine}>
                            { "Keep this version as a separate draft" }
                        </button>
                    </div>
                </div>
            </div>
        }
    });

    let bar = status_bar(&ctx, status);
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div ref={root} class="nhsuk-width-container">
                <main class="nhsuk-main-wrapper nhsuk-u-padding-top-3" id="iacmh-main">
                    { bar }
                    { problem }
                    { conflict_banner.unwrap_or_default() }
                    { page }
                </main>
            </div>
        </ContextProvider<Ctx>>
    }
}
