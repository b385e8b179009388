//! The top of the widget: restores the last draft, saves every change (a choice at once, typing
//! after a 400 ms pause, and at once when the page is hidden; "Saved" once the write has
//! committed), follows another tab's changes to the same draft (asking only when
//! both changed it), keeps the address in step with the page (`#/domain/3`: Back, Forward,
//! reload and links), names the page in the document title where it owns the page, moves
//! focus on page changes, and shows the page.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use iacmh_review::{Index, parse_return};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::page_of;
use crate::components::status_bar;
use crate::context::{Ctx, Derived};
use crate::pages::{
    check_page, confirm_clear_device, confirm_delete_draft, confirm_scope_page, domain_page, findings_page,
    outcome_page, record_page, sign_off_page, start_page, summary_page, tasks_page,
};
use crate::shared::Shared;
use crate::state::{Action, DraftRoute, Model, NAME_ID, Page};
use crate::storage::{Pending, Store, new_draft_id};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The drafts, opened under the host's prefix (so that two widgets on one site keep
    /// apart).
    pub store: Shared<Store>,
    /// Whether each page has an address in the URL's fragment (`#/tasks`), with history.
    pub routing: bool,
    /// Where the widget owns the page: the page's own title, which each page's name then
    /// precedes in the document title.
    pub title: Option<AttrValue>,
    /// The stylesheet's URL, as the host gave it: the widget's other files sit beside it.
    pub assets: AttrValue,
}

/// How the last save went.
#[derive(Clone, Debug, PartialEq)]
enum Saved {
    Nothing,
    /// This revision of this draft has committed, at this time: "Saved" is shown while the
    /// form's state is still that revision, "Saving" once it has moved on.
    At {
        id: String,
        revision: u64,
        time: String,
    },
    Failed(String),
}

/// Writes a pending change, and shows how it went once the write has settled.
fn save(store: &Store, saved: &UseStateHandle<Saved>, pending: Option<Pending>) {
    let Some((id, revision, ret)) = pending else { return };
    let saved = saved.clone();
    let at = id.clone();
    store.save(
        &id,
        &ret,
        Some(Box::new(move |result| {
            saved.set(match result {
                Ok(()) => Saved::At { id: at, revision, time: browser::clock() },
                Err(e) => Saved::Failed(e.to_string()),
            })
        })),
    );
}

/// Opens the draft last open in this browser, or a new one, at the page the address names.
fn restore(store: &Store, route: &str) -> (Model, Option<String>) {
    if let Err(e) = store.list() {
        return (Model::fresh(new_draft_id()), Some(e.to_string()));
    }
    let candidate = store.current().or_else(|| store.list().ok()?.first().map(|d| d.id.clone()));
    let (mut model, problem) = match candidate.map(|id| (store.load(&id), id)) {
        Some((Ok(Some(ret)), id)) => (Model::new(id, ret, Page::Tasks), None),
        Some((Err(e), _)) => (Model::fresh(new_draft_id()), Some(e.to_string())),
        _ => (Model::fresh(new_draft_id()), None),
    };
    for action in actions(store, &model.draft, route, Action::Go) {
        model = (*std::rc::Rc::new(model).reduce(action)).clone();
    }
    // Nothing is focused on arrival: the form may sit lower on its host page.
    model.focus = (0, String::new());
    (model, problem)
}

/// What an address asks for: a page of the open draft (shown by `go`), or a stored draft to
/// open, rename or delete. An address that names nothing asks for nothing.
fn actions(store: &Store, open: &str, route: &str, go: fn(Page) -> Action) -> Vec<Action> {
    let open_at = |id: &str, page: Page| {
        if id == open {
            return go(page);
        }
        match store.load(id) {
            Ok(Some(ret)) => {
                store.set_current(id);
                Action::Open { id: id.to_owned(), ret: Box::new(ret), page, save: false }
            }
            // Gone, or unreadable (then moved aside): the start page lists what there is.
            _ => go(Page::Start),
        }
    };
    match DraftRoute::from_route(route) {
        Some(DraftRoute::Open(id)) => vec![open_at(id, Page::Tasks)],
        Some(DraftRoute::Rename(id)) => {
            vec![open_at(id, Page::Start), Action::GoToField(Page::Start, NAME_ID.to_owned())]
        }
        Some(DraftRoute::Delete(id)) => vec![Action::GoToDraft(Page::DeleteDraft, id.to_owned())],
        None => Page::from_route(route).map(go).into_iter().collect(),
    }
}

/// Whether the page shows errors, for the document title.
fn shows_errors(state: &Model, derived: &Derived) -> bool {
    match state.page {
        Page::Start => (state.scope_form.show_errors || state.show_errors) && !state.start_errors().is_empty(),
        Page::Check => derived.errors().next().is_some(),
        page => state.show_errors && derived.errors().any(|d| page_of(&d.path) == page),
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store: Rc<Store> = props.store.0.clone();
    let routing = props.routing;
    let initial = use_memo((), {
        let store = store.clone();
        move |_| restore(&store, &if routing { browser::route() } else { String::new() })
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

    // Autosave: each change replaces the pending one. A choice (a rating, a yes or no, a
    // select) is written at once; typing restarts a short timer, so that a pause writes it.
    {
        let (store, saved, timer, conflict) = (store.clone(), saved.clone(), timer.clone(), conflict.clone());
        let (ret, typed) = (state.ret.clone(), state.typed);
        use_effect_with((state.draft.clone(), state.revision), move |(draft, revision)| {
            if *revision > 0 && !*conflict {
                save(&store, &saved, store.stage(draft, *revision, ret));
                let store = store.clone();
                let flush = move || save(&store, &saved, store.take_pending());
                if typed {
                    *timer.borrow_mut() = Some(Timeout::new(400, flush));
                } else {
                    // Once the change has painted, so that writing never delays what the
                    // click shows; and in 100 ms whatever happens, as a page that is not in
                    // view paints nothing (whichever runs second finds nothing to write).
                    browser::after_next_paint(flush.clone());
                    *timer.borrow_mut() = Some(Timeout::new(100, flush));
                }
            }
        });
    }
    // Another tab saving this draft. If this tab has only read it, show the other tab's
    // version. If this tab has written it too, neither may overwrite the other: stop saving
    // here, and ask which to keep.
    // With routing, Back, Forward or an address typed or followed: show its page.
    // And save at once when the page is hidden or closed, so that nothing waits on the timer.
    // One effect for the three listeners, as each effect adds to the wasm (0.5 KB gzip).
    {
        let (store, conflict, dispatch, saved) = (store.clone(), conflict.clone(), state.dispatcher(), saved.clone());
        let wrote = state.revision > 0;
        use_effect_with((state.draft.clone(), *conflict, wrote), move |(draft, asking, wrote)| {
            let hidden = {
                let store = store.clone();
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    save(&store, &saved, store.take_pending());
                })
            };
            let window = gloo::utils::window();
            let navigation = {
                let (store, dispatch, open) = (store.clone(), dispatch.clone(), draft.clone());
                routing.then(|| {
                    EventListener::new(&window, "popstate", move |_| {
                        for action in actions(&store, &open, &browser::route(), Action::Arrive) {
                            dispatch.dispatch(action);
                        }
                    })
                })
            };
            let (draft, asking, wrote) = (draft.clone(), *asking, *wrote);
            // Another tab's committed change, from the store (a BroadcastChannel underneath).
            let target = store.events().clone();
            let storage = EventListener::new(&target, "storage", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
                let ours = event.key().is_some_and(|k| store.is_draft_key(&k, &draft));
                let Some(text) = event.new_value().filter(|_| ours && !asking) else { return };
                match parse_return(text.as_bytes()) {
                    Ok(ret) if !wrote => dispatch.dispatch(Action::Adopt(Box::new(ret))),
                    // Written here too, or a version this one cannot read.
                    _ => {
                        store.discard();
                        conflict.set(true);
                    }
                }
            });
            move || drop((storage, navigation, hidden))
        });
    }
    let derived = {
        let ret = state.ret.clone();
        use_memo(ret, |ret| Derived::of(ret))
    };
    // The address follows the page: a new history entry for each page, so that Back and
    // Forward move between the form's pages. An address that shows no page as itself (none,
    // unknown, or a question no longer in hand) is replaced instead, so Back skips it.
    // Where the widget owns the page, the document title names the page, GOV.UK's way.
    {
        let state = state.clone();
        let title = props.title.clone();
        let key = (state.page, shows_errors(&state, &derived));
        use_effect_with(key, move |(page, errors)| {
            let (here, route) = (browser::route(), page.route());
            if routing && here != route {
                let push = match Page::from_route(&here) {
                    Some(p) => state.resolve(p) == p,
                    // A fragment of the host page's own (an anchor) is kept in the history.
                    None => !here.is_empty() && !here.starts_with("#/"),
                };
                browser::set_route(&route, push);
            }
            if let Some(own) = title {
                let index = Index::get(&state.ret.index_version).unwrap_or_else(Index::current);
                let error = if *errors { "Error: " } else { "" };
                gloo::utils::document().set_title(&format!("{error}{} \u{2013} {own}", page.name(index)));
            }
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

    let ctx = Ctx {
        state: state.clone(),
        derived: Shared(derived),
        store: Shared(store.clone()),
        assets: props.assets.clone(),
    };
    // Every link in the form (`<a href="#/...">`) is followed here, with or without routing:
    // a click stays in the widget (the address then follows the page when routing is on).
    // With a modifier key the browser opens the link's address in a new tab or window.
    let follow_link = {
        let (store, dispatch, open) = (store.clone(), state.dispatcher(), state.draft.clone());
        Callback::from(move |e: MouseEvent| {
            let link = e.target_dyn_into::<web_sys::Element>().and_then(|t| t.closest("a[href^='#/']").ok().flatten());
            let Some(link) = link.filter(|_| !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key())) else {
                return;
            };
            e.prevent_default();
            let route = link.get_attribute("href").unwrap_or_default();
            // An error's link focuses its field.
            let field = link.get_attribute("data-field");
            let actions = match (field, Page::from_route(&route)) {
                (Some(field), Some(page)) => vec![Action::GoToField(page, field)],
                _ => actions(&store, &open, &route, Action::Go),
            };
            // Each of these actions focuses a heading or a field of the page it goes to.
            if !actions.is_empty() {
                browser::blur_focused(&link);
            }
            actions.into_iter().for_each(|a| dispatch.dispatch(a));
        })
    };

    let page = match state.page {
        Page::Start => start_page(&ctx),
        Page::Tasks => tasks_page(&ctx),
        Page::Domain(n) => domain_page(&ctx, n),
        Page::Outcome => outcome_page(&ctx),
        Page::Findings => findings_page(&ctx),
        Page::SignOff => sign_off_page(&ctx),
        Page::Summary => summary_page(&ctx),
        Page::Record => record_page(&ctx),
        Page::Check => check_page(&ctx),
        Page::ConfirmStartAgain | Page::DeleteDraft => confirm_delete_draft(&ctx),
        Page::ConfirmClearDevice => confirm_clear_device(&ctx),
        Page::ConfirmScope => confirm_scope_page(&ctx),
    };
    let status = match &*saved {
        Saved::Failed(_) => "Not saved".to_owned(),
        Saved::At { id, revision, time } if *id == state.draft && *revision == state.revision => {
            format!("Saved in this browser at {time}")
        }
        _ if state.revision > 0 && !*conflict => "Saving\u{2026}".to_owned(),
        _ => String::new(),
    };
    let saving = status.starts_with("Saving");
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
        // Saved, but in localStorage: said once, above the page.
        _ if !store.durable() => html! {
            <div class="nhsuk-inset-text">
                <p>{ "This browser does not let the form save safely: a crash or a forced restart may lose the changes of the last few seconds. Export the return regularly to keep a copy." }</p>
            </div>
        },
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

    let announcement = ctx.state.announcement.clone();
    let bar = status_bar(&ctx, status, saving);
    html! {
        <div ref={root} class="nhsuk-width-container" onclick={follow_link}>
            <main class="nhsuk-main-wrapper nhsuk-u-padding-top-3" id="iacmh-main">
                { bar }
                { problem }
                { conflict_banner.unwrap_or_default() }
                // Keyed by the page: another page is built afresh rather than patched out of
                // the last one's elements (opening a domain from the task list, click to paint,
                // pooled medians of 50 clicks back to back: 17.2 ms keyed, 19.3 ms patched).
                <div key={state.page.route()}>{ page }</div>
                // One live region for the whole form, present before anything it says.
                <p class="nhsuk-u-visually-hidden" aria-live="polite">{ announcement }</p>
            </main>
        </div>
    }
}
