//! The members page: everyone in the business and what each role may do; for admins and up,
//! invitations (send — with a link to copy or share on WhatsApp —, re-send, revoke), role
//! changes and removal (each removal confirmed first). The sole owner is offered no action that
//! would have to fail.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::identity::{invitations, members, orgs};
use bahi_app::{Admin, AtLeast, Message, OrgCtx, Owner, Viewer};
use bahi_store::identity::Role;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame, role_name, role_words};
use super::confirm::Confirm;
use super::format::moment;
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::paths::{InvitationPath, MemberPath};
use crate::http::{HttpError, Member};
use crate::i18n::Lang;
use crate::state::AppState;

pub struct MemberRow {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub role_name: String,
    /// Why this member's role cannot be changed by the reader (a catalogue id): the last owner,
    /// or an owner when the reader is not one. No control is offered that would have to fail.
    pub locked: Option<&'static str>,
}

pub struct PendingRow {
    pub id: String,
    pub email: String,
    pub role_name: String,
    pub until: String,
    pub expired: bool,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    chrome: Chrome,
    org_id: String,
    org_name: String,
    members: Vec<MemberRow>,
    can_manage: bool,
    /// Owners decide whether members need a second factor.
    is_owner: bool,
    two_factor_required: bool,
    /// Roles this member may give: (code, name).
    grantable: Vec<(&'static str, String)>,
    role_words: Vec<String>,
    invitation_link: Option<String>,
    /// Where the invitation was e-mailed, when mail is on.
    emailed_to: Option<String>,
    whatsapp: String,
    invite_email: String,
    errors: FormErrors,
    pending: Vec<PendingRow>,
}

/// `https://wa.me/?text=…`: WhatsApp opens with the invitation, ready to send.
fn whatsapp_link(lang: Lang, org_name: &str, link: &str) -> String {
    let text = crate::i18n::text(
        lang,
        "members-whatsapp-text",
        &[("name", org_name.into()), ("link", link.into())],
    );
    let encoded: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
    format!("https://wa.me/?text={encoded}")
}

/// The page for any member; what they may change depends on their role.
async fn page_for<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    invited: Option<invitations::Invited>,
    invite_email: String,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let lang = frame.lang;
    let zone = orgs::get(s, member).await?.time_zone;
    let admin = member.as_role::<Admin>();
    let can_manage = admin.is_some();
    let pending = match &admin {
        Some(admin) => invitations::open(s, admin)
            .await?
            .into_iter()
            .map(|i| PendingRow {
                id: i.id.to_string(),
                expired: i.has_expired(),
                email: i.email,
                role_name: role_name(lang, i.role),
                until: moment(lang, i.expires_at, &zone),
            })
            .collect(),
        None => Vec::new(),
    };
    let owners = members::owners(s, member).await?;
    let members = members::list(s, member)
        .await?
        .into_iter()
        .map(|m| MemberRow {
            user_id: m.user_id.to_string(),
            locked: match m.role {
                Role::Owner if owners <= 1 => Some("members-last-owner"),
                Role::Owner if member.role() != Role::Owner => Some("members-owner-only"),
                _ => None,
            },
            role: m.role.as_str(),
            role_name: role_name(lang, m.role),
            name: m.name,
            email: m.email,
        })
        .collect();
    let grantable = Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Owner || member.role() == Role::Owner)
        .map(|r| (r.as_str(), role_name(lang, r)))
        .collect();
    let org_name = member.org().legal_name.clone();
    let status = errors.status.unwrap_or(StatusCode::OK);
    let emailed_to = invited
        .as_ref()
        .filter(|i| i.emailed)
        .map(|i| i.invitation.email.clone());
    let invitation_link = invited.map(|i| i.accept_url);
    let page = MembersPage {
        chrome: Chrome::for_org(app, frame, member, "members").await?,
        org_id: member.org_id().to_string(),
        whatsapp: invitation_link
            .as_deref()
            .map(|l| whatsapp_link(lang, &org_name, l))
            .unwrap_or_default(),
        org_name,
        members,
        can_manage,
        is_owner: member.role() == Role::Owner,
        two_factor_required: member.org().require_two_factor,
        grantable,
        role_words: Role::ALL.into_iter().map(|r| role_words(lang, r)).collect(),
        invitation_link,
        emailed_to,
        invite_email,
        errors,
        pending,
    };
    Ok(render(status, &page))
}

pub async fn page(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    page_for(
        &app,
        &frame,
        &member,
        None,
        String::new(),
        FormErrors::default(),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

fn role_of(text: &str) -> Result<Role, HttpError> {
    Role::parse(text.trim()).ok_or_else(|| {
        HttpError::App(bahi_app::Error::field(
            "role",
            Message::new("json-one-of").arg("choices", "owner, admin, accountant, viewer"),
        ))
    })
}

/// Creates the invitation, e-mails it when mail is on, and shows its link on the page.
pub async fn invite(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    Form(form): Form<InviteForm>,
) -> Result<Response, HttpError> {
    let attempt = async {
        let role = role_of(&form.role)?;
        Ok::<_, HttpError>(invitations::invite(&app.services, &member, &form.email, role).await?)
    };
    match attempt.await {
        Ok(done) => {
            page_for(
                &app,
                &frame,
                &*member,
                Some(done),
                String::new(),
                FormErrors::default(),
            )
            .await
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page_for(&app, &frame, &*member, None, form.email, errors).await
        }
    }
}

/// A new link for an open invitation, shown on the members page.
pub async fn resend_invitation(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvitationPath>,
) -> Result<Response, HttpError> {
    match invitations::resend(&app.services, &member, path.id).await {
        Ok(done) => {
            page_for(
                &app,
                &frame,
                &*member,
                Some(done),
                String::new(),
                FormErrors::default(),
            )
            .await
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page_for(&app, &frame, &*member, None, String::new(), errors).await
        }
    }
}

/// Asks before revoking an invitation.
pub async fn confirm_revoke_invitation(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvitationPath>,
) -> Result<Response, HttpError> {
    let invitation = invitations::open(&app.services, &member)
        .await?
        .into_iter()
        .find(|i| i.id == path.id)
        .ok_or(bahi_app::Error::NotFound)?;
    let chrome = Chrome::for_org(&app, &frame, &*member, "members").await?;
    Ok(Confirm {
        title: chrome.t1(
            "confirm-revoke-invitation-title",
            "email",
            &invitation.email,
        ),
        explanation: chrome.t("confirm-revoke-invitation-why"),
        action: format!("/orgs/{}/invitations/{}/revoke", path.org_id, path.id),
        confirm: chrome.t("members-revoke"),
        cancel: format!("/orgs/{}/members", path.org_id),
        ask_reason: false,
        reason: String::new(),
        errors: FormErrors::default(),
        chrome,
    }
    .respond())
}

pub async fn revoke_invitation(
    member: Member<Admin>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<InvitationPath>,
) -> Result<Response, HttpError> {
    let revoked = invitations::revoke(&app.services, &member, path.id).await?;
    let notice = Message::new("notice-invitation-revoked").arg("email", revoked.email.as_str());
    let jar = notices::leave(jar, &notice);
    Ok((jar, see_other(&format!("/orgs/{}/members", path.org_id))).into_response())
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn change_role(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<MemberPath>,
    Form(form): Form<RoleForm>,
) -> Result<Response, HttpError> {
    let attempt = async {
        let role = role_of(&form.role)?;
        Ok::<_, HttpError>(members::change_role(&app.services, &member, path.user_id, role).await?)
    };
    match attempt.await {
        Ok(changed) => {
            let notice = Message::new("notice-role-changed")
                .arg("name", changed.name.as_str())
                .arg("role", role_name(frame.lang, changed.role));
            let jar = notices::leave(jar, &notice);
            Ok((jar, see_other(&format!("/orgs/{}/members", path.org_id))).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page_for(&app, &frame, &*member, None, String::new(), errors).await
        }
    }
}

/// Asks before removing a member.
pub async fn confirm_remove(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<MemberPath>,
) -> Result<Response, HttpError> {
    let who = members::get(&app.services, &*member, path.user_id).await?;
    let chrome = Chrome::for_org(&app, &frame, &*member, "members").await?;
    Ok(Confirm {
        title: chrome.t1("confirm-remove-title", "name", &who.name),
        explanation: chrome.t2(
            "confirm-remove-why",
            ("name", &who.name),
            ("org", &member.org().legal_name),
        ),
        action: format!("/orgs/{}/members/{}/remove", path.org_id, path.user_id),
        confirm: chrome.t1("confirm-remove-button", "name", &who.name),
        cancel: format!("/orgs/{}/members", path.org_id),
        ask_reason: false,
        reason: String::new(),
        errors: FormErrors::default(),
        chrome,
    }
    .respond())
}

pub async fn remove(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<MemberPath>,
) -> Result<Response, HttpError> {
    match members::remove(&app.services, &member, path.user_id).await {
        Ok(removed) => {
            let notice = Message::new("notice-member-removed").arg("name", removed.name.as_str());
            let jar = notices::leave(jar, &notice);
            let to = if path.user_id == member.user().id {
                "/dashboard".to_owned()
            } else {
                format!("/orgs/{}/members", path.org_id)
            };
            Ok((jar, see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page_for(&app, &frame, &*member, None, String::new(), errors).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct TwoFactorForm {
    #[serde(default)]
    required: String,
}

/// Requires (or stops requiring) a second factor of every member (owners).
pub async fn require_two_factor(
    member: Member<Owner>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<TwoFactorForm>,
) -> Result<Response, HttpError> {
    let on = form.required == "on";
    match bahi_app::identity::two_factor::require_for_members(&app.services, &member, on).await {
        Ok(()) => {
            let notice = Message::new(if on {
                "notice-two-factor-required"
            } else {
                "notice-two-factor-not-required"
            });
            let to = format!("/orgs/{}/members", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page_for(&app, &frame, &*member, None, String::new(), errors).await
        }
    }
}
