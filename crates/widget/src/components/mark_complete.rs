//! "Have you completed this section?" at the foot of a section's page: the NHS.UK pattern for
//! a task list whose sections are marked complete by the people doing them. Saying "Yes" while
//! the crate still lists something outstanding for the section shows what, and marks nothing.

use iacmh_review::Task;
use yew::prelude::*;

use super::{YesNo, error_summary};
use crate::context::Ctx;
use crate::state::{Action, Edit, Page};

#[derive(Properties, PartialEq)]
pub struct MarkCompleteProps {
    pub task: Task,
    /// Where "Save and continue" goes.
    #[prop_or(Page::Tasks)]
    pub next: Page,
}

#[function_component(MarkComplete)]
pub fn mark_complete(props: &MarkCompleteProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let (task, next) = (props.task, props.next);
    let marked = ctx.state.ret.completed_sections.contains(&task);
    // The answer chosen, the group's mark until they pick another; none chosen is "later".
    let choice = use_state(|| marked.then_some(true));
    let refused = use_state(|| false);
    let id = format!("iacmh-complete-{}", task.key());
    let onchange = {
        let (choice, refused) = (choice.clone(), refused.clone());
        Callback::from(move |v: Option<bool>| {
            choice.set(v);
            refused.set(false);
        })
    };
    let save = {
        let (ctx, choice, refused, id) = (ctx.clone(), choice.clone(), refused.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            let yes = *choice == Some(true);
            if yes && ctx.derived.outstanding.iter().any(|o| o.task() == Some(task)) {
                refused.set(true);
                ctx.dispatch(Action::GoToField(ctx.state.page, format!("{id}-errors")));
                return;
            }
            ctx.dispatch(Action::Edit(Edit::MarkComplete(task, yes)));
            ctx.dispatch(Action::Go(next));
        })
    };
    let left: Vec<(String, String)> = if *refused {
        ctx.derived.outstanding.iter().filter(|o| o.task() == Some(task)).map(|o| (o.pointer(), o.message())).collect()
    } else {
        Vec::new()
    };
    html! {
        <div class="iacmh__no-print">
            { error_summary(&format!("{id}-errors"), "This section cannot be marked as completed yet", &left.iter().map(|(p, m)| (p.as_str(), m.as_str())).collect::<Vec<_>>()) }
            <YesNo {id} legend="Have you completed this section?" heading=true value={*choice} {onchange}
                yes="Yes, I've completed this section" no="No, I'll come back to it later" />
            <button class="nhsuk-button" type="button" onclick={save}>{ "Save and continue" }</button>
        </div>
    }
}
