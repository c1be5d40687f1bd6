//! Getting paid online (`/orgs/{id}/settings/integrations`): the business connects its own
//! Razorpay or Stripe account — keys typed here, sealed at rest, never shown again — copies
//! the webhook address into the gateway's dashboard, tests the keys, and sees what the
//! gateways reported (applied, flagged for a look, failed). Admins and owners only.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::gateways::exchange::CallError;
use bahi_app::gateways::integrations::{self, ConnectInput, Connection};
use bahi_app::{Admin, Message};
use bahi_store::gateways::Provider;
use bahi_store::gateways::events::State as EventState;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::Confirm;
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::{Path, Query};
use crate::http::paths::IntegrationPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// A gateway on the overview.
pub struct GatewayRow {
    pub name: String,
    pub href: String,
    /// "Connected (test mode, key rzp_test_…)" or "Not connected".
    pub status: String,
    pub connected: bool,
}

/// A webhook event as the overview lists it.
pub struct EventRow {
    pub at: String,
    pub gateway: String,
    pub kind: String,
    pub state: String,
    pub state_class: &'static str,
    pub outcome: String,
    pub payment: Option<String>,
}

#[derive(Template)]
#[template(path = "integrations.html")]
struct OverviewPage {
    chrome: Chrome,
    org_id: String,
    gateways: Vec<GatewayRow>,
    events: Vec<EventRow>,
    /// The next (older) page of events, when there is one.
    next: Option<String>,
}

/// Events a page lists.
const PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct EventsQuery {
    before: Option<String>,
}

#[derive(Template)]
#[template(path = "integration.html")]
struct GatewayPage {
    chrome: Chrome,
    org_id: String,
    provider: &'static str,
    name: String,
    lead: String,
    connection: Option<Connection>,
    /// The connection's mode, in words.
    mode_words: String,
    webhook_url: String,
    webhook_help: String,
    form: GatewayForm,
    fields: Vec<FieldView>,
    errors: FormErrors,
}

/// One key's input: its name, its hint (where the gateway shows it), whether it is a secret
/// (never shown back), and what was typed (key ids only).
pub struct FieldView {
    pub name: &'static str,
    pub hint: String,
    pub secret: bool,
    pub value: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct GatewayForm {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    key_id: String,
    #[serde(default)]
    key_secret: String,
    #[serde(default)]
    webhook_secret: String,
}

fn name_of(chrome: &Chrome, provider: Provider) -> String {
    chrome.t(&format!("gateway-{}", provider.as_str()))
}

/// A gateway's name as a notice says it (a brand, the same in every language).
fn name_of_provider(provider: Provider) -> &'static str {
    match provider {
        Provider::Razorpay => "Razorpay",
        Provider::Stripe => "Stripe",
    }
}

fn state_words(chrome: &Chrome, state: EventState) -> (String, &'static str) {
    let class = match state {
        EventState::Applied => "badge ok",
        EventState::Flagged | EventState::Failed => "badge warn",
        EventState::Pending | EventState::Ignored => "badge",
    };
    (
        chrome.t(&format!("gateway-event-{}", state.as_str())),
        class,
    )
}

pub async fn overview(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    Query(q): Query<EventsQuery>,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(&app, &frame, &member, "settings").await?;
    let org_id = member.org_id();
    let mut gateways = Vec::new();
    for provider in Provider::ALL.iter().copied() {
        let c = integrations::status(&app.services, &member, provider).await?;
        let status = match &c {
            Some(c) => chrome.t2(
                "gateway-connected",
                (
                    "mode",
                    &chrome.t(&format!("gateway-mode-{}", c.mode.as_str())),
                ),
                ("key", &c.key_id),
            ),
            None => chrome.t("gateway-not-connected"),
        };
        gateways.push(GatewayRow {
            name: name_of(&chrome, provider),
            href: format!("/orgs/{org_id}/settings/integrations/{}", provider.as_str()),
            status,
            connected: c.is_some(),
        });
    }
    let zone = member.org().time_zone.clone();
    let before = q.before.as_deref().and_then(|b| b.parse().ok());
    let mut found = integrations::events(&app.services, &member, before, PAGE + 1).await?;
    let more = found.len() > usize::try_from(PAGE).unwrap_or(usize::MAX);
    found.truncate(usize::try_from(PAGE).unwrap_or(usize::MAX));
    let next = found
        .last()
        .filter(|_| more)
        .map(|e| format!("/orgs/{org_id}/settings/integrations?before={}", e.id));
    let events = found
        .into_iter()
        .map(|e| {
            let (state, state_class) = state_words(&chrome, e.state);
            EventRow {
                at: super::format::moment(chrome.lang, e.received_at, &zone),
                gateway: name_of(&chrome, e.provider),
                kind: e.event_type,
                state,
                state_class,
                outcome: e.outcome.unwrap_or_default(),
                payment: e.payment_id.map(|p| format!("/orgs/{org_id}/payments/{p}")),
            }
        })
        .collect();
    let page = OverviewPage {
        org_id: org_id.to_string(),
        gateways,
        events,
        next,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

async fn gateway_page(
    app: &AppState,
    frame: &Frame,
    member: &Member<Admin>,
    provider: Provider,
    connection: Option<Connection>,
    form: GatewayForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let status = errors.status.unwrap_or(StatusCode::OK);
    let chrome = Chrome::for_org(app, frame, member, "settings").await?;
    let p = provider.as_str();
    let fields = ["key_id", "key_secret", "webhook_secret"]
        .into_iter()
        .map(|name| FieldView {
            name,
            hint: chrome.t(&format!("integration-hint-{p}-{name}")),
            secret: name != "key_id",
            value: if name == "key_id" {
                form.key_id.clone()
            } else {
                String::new()
            },
        })
        .collect();
    let page = GatewayPage {
        org_id: member.org_id().to_string(),
        provider: p,
        name: name_of(&chrome, provider),
        lead: chrome.t(&format!("integration-lead-{p}")),
        mode_words: connection.as_ref().map_or_else(String::new, |c| {
            chrome.t(&format!("gateway-mode-{}", c.mode.as_str()))
        }),
        webhook_help: chrome.t(&format!("integration-webhook-{p}")),
        fields,
        webhook_url: format!(
            "{}webhooks/{}/{}",
            app.services.policy.public_url,
            provider.as_str(),
            member.org_id()
        ),
        connection,
        form,
        errors,
        chrome,
    };
    Ok(render(status, &page))
}

pub async fn show(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<IntegrationPath>,
) -> Result<Response, HttpError> {
    let provider = Provider::from(path.provider);
    let current = integrations::status(&app.services, &member, provider).await?;
    let form = GatewayForm {
        mode: current
            .as_ref()
            .map_or("test", |c| c.mode.as_str())
            .to_owned(),
        key_id: current
            .as_ref()
            .map(|c| c.key_id.clone())
            .unwrap_or_default(),
        ..GatewayForm::default()
    };
    let errors = FormErrors::default();
    gateway_page(&app, &frame, &member, provider, current, form, errors).await
}

pub async fn save(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<IntegrationPath>,
    Form(form): Form<GatewayForm>,
) -> Result<Response, HttpError> {
    let provider = Provider::from(path.provider);
    let input = ConnectInput {
        mode: Some(form.mode.clone()),
        key_id: Some(form.key_id.clone()),
        key_secret: Some(form.key_secret.clone()),
        webhook_secret: Some(form.webhook_secret.clone()),
    };
    match integrations::connect(&app.services, &member, provider, &input).await {
        Ok(_) => {
            let notice =
                Message::new("notice-gateway-saved").arg("name", name_of_provider(provider));
            let to = format!(
                "/orgs/{}/settings/integrations/{}",
                member.org_id(),
                provider.as_str()
            );
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            // Secrets are never sent back into the page.
            let form = GatewayForm {
                key_secret: String::new(),
                webhook_secret: String::new(),
                ..form
            };
            let current = integrations::status(&app.services, &member, provider).await?;
            gateway_page(&app, &frame, &member, provider, current, form, errors).await
        }
    }
}

/// Tests the stored keys and says what the gateway answered.
pub async fn test(
    member: Member<Admin>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<IntegrationPath>,
) -> Result<Response, HttpError> {
    let provider = Provider::from(path.provider);
    let notice = match integrations::test(&app.services, &member, provider).await? {
        Ok(()) => Message::new("notice-gateway-test-ok"),
        Err(CallError::Refused { status: 401, .. }) => Message::new("notice-gateway-test-keys"),
        Err(CallError::Refused { status, .. }) => {
            Message::new("notice-gateway-test-refused").arg("number", status.to_string())
        }
        Err(CallError::Unreachable(_)) => Message::new("notice-gateway-test-unreachable"),
    };
    let to = format!(
        "/orgs/{}/settings/integrations/{}",
        member.org_id(),
        provider.as_str()
    );
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

fn disconnect_confirmation(chrome: Chrome, org_id: &str, provider: Provider) -> Confirm {
    let back = format!("/orgs/{org_id}/settings/integrations/{}", provider.as_str());
    let name = name_of(&chrome, provider);
    Confirm {
        title: chrome.t1("confirm-disconnect-title", "gateway", &name),
        explanation: chrome.t("confirm-disconnect-why"),
        action: format!("{back}/disconnect"),
        confirm: chrome.t1("confirm-disconnect", "gateway", &name),
        cancel: back,
        ask_reason: false,
        reason: String::new(),
        errors: FormErrors::default(),
        chrome,
    }
}

pub async fn confirm_disconnect(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<IntegrationPath>,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(&app, &frame, &member, "settings").await?;
    let org_id = member.org_id().to_string();
    Ok(disconnect_confirmation(chrome, &org_id, path.provider.into()).respond())
}

pub async fn disconnect(
    member: Member<Admin>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<IntegrationPath>,
) -> Result<Response, HttpError> {
    let provider = Provider::from(path.provider);
    integrations::disconnect(&app.services, &member, provider).await?;
    let notice =
        Message::new("notice-gateway-disconnected").arg("name", name_of_provider(provider));
    let to = format!("/orgs/{}/settings/integrations", member.org_id());
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}
