//! "Have you completed this section?" at the foot of a section's page: the NHS.UK pattern for
//! a task list whose sections are marked complete by the people doing them. Saying "Yes" while
//! the crate still lists something outstanding for the section shows what, and marks nothing.

use iacmh_review::Task;
use yew::prelude::*;

use super::{YesNo, error_summary, yes_no};
use crate::context::Ctx;
use crate::state::{Action, Edit, Page};

/// The question at the foot of a section's page and its "Save and continue", which goes to
/// `next`. The answer chosen is held at the top (`Model::mark`) until saved.
pub fn mark_complete(ctx: &Ctx, task: Task, next: Page) -> Html {
    let marked = ctx.state.ret.completed_sections.contains(&task);
    // The answer chosen, the group's mark until they pick another; none chosen is "later".
    let (choice, refused) = ctx.state.mark.unwrap_or((marked.then_some(true), false));
    let id = format!("iacmh-complete-{}", task.key());
    let onchange = {
        let ctx = ctx.clone();
        Callback::from(move |v: Option<bool>| ctx.dispatch(Action::Mark(v, false)))
    };
    let save = {
        let (ctx, id) = (ctx.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            let yes = choice == Some(true);
            if yes && ctx.derived.outstanding.iter().any(|o| o.task() == Some(task)) {
                ctx.dispatch(Action::Mark(choice, true));
                ctx.dispatch(Action::GoToField(ctx.state.page, format!("{id}-errors")));
                return;
            }
            ctx.dispatch(Action::Edit(Edit::MarkComplete(task, yes)));
            ctx.dispatch(Action::Go(next));
        })
    };
    let left: Vec<(String, String)> = if refused {
        ctx.derived.outstanding.iter().filter(|o| o.task() == Some(task)).map(|o| (o.pointer(), o.message())).collect()
    } else {
        Vec::new()
    };
    html! {
        <div class="iacmh__no-print">
            { error_summary(&format!("{id}-errors"), "This section cannot be marked as completed yet", &left.iter().map(|(p, m)| (p.as_str(), m.as_str())).collect::<Vec<_>>()) }
            { yes_no(YesNo {
                id: &id,
                legend: "Have you completed this section?",
                value: choice,
                onchange,
                error: None,
                extra: Html::default(),
                if_no: None,
                yes: "Yes, I've completed this section",
                no: "No, I'll come back to it later",
                heading: true,
            }) }
            <button class="nhsuk-button" type="button" onclick={save}>{ "Save and continue" }</button>
        </div>
    }
}
