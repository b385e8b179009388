//! Completion and sign-off of the maturity index: dates, the governance committee, and the
//! five signatories.

use iacmh_review::{MemberField, SignOffDate, Signatory, SignatureField, Task, pointer};
use yew::prelude::*;

use super::heading;
use crate::components::{TextOptions, back_link, date_input, mark_complete, row_change, text_input};
use crate::context::{Ctx, field_id};
use crate::state::{Action, Edit, Page};

const ADD_ID: &str = "iacmh-add-member";

/// The id of committee member `i`'s legend, where focus goes after one is added or removed.
fn member_id(i: usize) -> String {
    format!("iacmh-member-{i}")
}

pub fn sign_off_page(ctx: &Ctx) -> Html {
    let m = &ctx.state.ret.maturity;
    let count = m.sign_off.committee.len();
    let date = |which: SignOffDate| {
        let c = ctx.clone();
        Callback::from(move |v: String| c.dispatch(Action::Edit(Edit::Date(which, v))))
    };
    let members = m.sign_off.committee.iter().enumerate().map(|(i, member)| {
        let n = i + 1;
        let at = |f: MemberField| pointer::committee_member(i, f);
        let set = |field: MemberField| {
            let c = ctx.clone();
            Callback::from(move |v: String| c.dispatch(Action::Edit(Edit::Member(i, field, v))))
        };
        let next = if i + 1 < count { member_id(i) } else { ADD_ID.to_owned() };
        let remove = row_change(ctx, Edit::RemoveMember(i), Some(next), format!("Committee member {n} removed"));
        html! {
            <fieldset class="nhsuk-fieldset iacmh__question" key={format!("member-{i}")}>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" id={member_id(i)} tabindex="-1">{ format!("Committee member {n}") }</legend>
                { text_input(&field_id(&at(MemberField::Name)), "Name", &member.name, set(MemberField::Name), ctx.error_at(&at(MemberField::Name)), TextOptions::default()) }
                { text_input(&field_id(&at(MemberField::Designation)), "Designation", &member.designation, set(MemberField::Designation), ctx.error_at(&at(MemberField::Designation)), TextOptions::default()) }
                <button class="nhsuk-button nhsuk-button--secondary iacmh__no-print" type="button" onclick={remove}>{ format!("Remove committee member {n}") }</button>
            </fieldset>
        }
    });
    let signatures = Signatory::ALL.iter().map(|&who| {
        let sig = m.sign_off.signature(who);
        let at = |f: SignatureField| pointer::signature(who, f);
        let set = |field: SignatureField| {
            let c = ctx.clone();
            Callback::from(move |v: String| c.dispatch(Action::Edit(Edit::Signature(who, field, v))))
        };
        html! {
            <fieldset class="nhsuk-fieldset iacmh__question">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{ who.label() }</legend>
                { text_input(&field_id(&at(SignatureField::Name)), "Name", &sig.name, set(SignatureField::Name), ctx.error_at(&at(SignatureField::Name)), TextOptions { hint: Some("Typed in place of a signature"), ..TextOptions::default() }) }
                { text_input(&field_id(&at(SignatureField::Organisation)), "Organisation", &sig.organisation, set(SignatureField::Organisation), ctx.error_at(&at(SignatureField::Organisation)), TextOptions::default()) }
                { date_input(ctx, &field_id(&at(SignatureField::Date)), "Date", sig.date.as_deref(),
                    set(SignatureField::Date), ctx.error_at(&at(SignatureField::Date)), "") }
            </fieldset>
        }
    });
    let add = row_change(ctx, Edit::AddMember, Some(member_id(count)), format!("Committee member {} added", count + 1));
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Completion and sign-off", Some(ctx.state.ret.scope.label())) }
            { date_input(ctx, &field_id(&pointer::sign_off_date(SignOffDate::Completed)), "Date completed", m.date_completed.as_deref(),
                date(SignOffDate::Completed), ctx.error_at(&pointer::sign_off_date(SignOffDate::Completed)), "nhsuk-label--s") }
            { date_input(ctx, &field_id(&pointer::sign_off_date(SignOffDate::Review)), "Review date", m.review_date.as_deref(),
                date(SignOffDate::Review), ctx.error_at(&pointer::sign_off_date(SignOffDate::Review)), "nhsuk-label--s") }
            <h2 class="nhsuk-heading-m">{ "Maturity Index completed by (Governance Committee Membership)" }</h2>
            { for members }
            <button class="nhsuk-button nhsuk-button--secondary iacmh__no-print" type="button" id={ADD_ID} onclick={add}>{ "Add a committee member" }</button>
            <h2 class="nhsuk-heading-m">{ "Signatures" }</h2>
            { for signatures }
            { mark_complete(ctx, Task::SignOff, Page::Tasks) }
        </>
    }
}
