//! What every operation of the OpenAPI document says about errors, added in one place so no
//! handler can forget one: each error is `application/problem+json` (the `Problem` schema), and
//! each operation lists the statuses it can give — 400 (malformed JSON, an id in the path that is
//! not one), 401 (when it needs a caller), 403 (roles, suspension, CSRF on unsafe requests), 404
//! (anything under a path id), 409 (duplicates and wrong states), 413 / 415 / 422 (bodies), 422
//! (query parameters), 500 and 503 (database unavailable or the schema not yet migrated, with
//! `Retry-After`). Throttled operations declare their 429 themselves.

use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::response::{ResponseBuilder, ResponsesBuilder};
use utoipa::openapi::{Content, Ref, RefOr};

use super::problem;

/// Documents the two ways to authenticate: an API token, or the session cookie (+ CSRF token).
pub struct Credentials;

impl utoipa::Modify for Credentials {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("bahi_session"))),
        );
    }
}

pub struct ErrorResponses;

impl utoipa::Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in &mut openapi.paths.paths {
            let methods = [
                (HttpMethod::Get, item.get.as_mut()),
                (HttpMethod::Post, item.post.as_mut()),
                (HttpMethod::Put, item.put.as_mut()),
                (HttpMethod::Patch, item.patch.as_mut()),
                (HttpMethod::Delete, item.delete.as_mut()),
            ];
            for (method, operation) in methods {
                if let Some(operation) = operation {
                    describe_errors(path, &method, operation);
                }
            }
        }
    }
}

fn describe_errors(path: &str, method: &HttpMethod, op: &mut Operation) {
    if path.starts_with("/health/") {
        return;
    }
    let params = op.parameters.as_deref().unwrap_or_default();
    let has_path_params = params
        .iter()
        .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Path));
    let has_query = params
        .iter()
        .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query));
    let has_body = op.request_body.is_some();
    // An empty requirement means "no credentials needed"; only that alone makes it public.
    let public = op.security.as_ref().is_some_and(|s| {
        s.len() == 1 && serde_json::to_value(&s[0]).is_ok_and(|v| v == serde_json::json!({}))
    });
    let unsafe_method = !matches!(method, HttpMethod::Get);
    let mut add = |status: &str, description: &str| {
        if !op.responses.responses.contains_key(status) {
            op.responses
                .responses
                .insert(status.to_owned(), problem_response(description));
        }
    };
    if has_body || has_path_params {
        add(
            "400",
            "Malformed JSON, or an id in the path that is not one",
        );
    }
    if !public || path.contains("/invitations/") {
        add("401", "Not signed in (no session cookie or API token)");
    }
    if !public || unsafe_method {
        add(
            "403",
            "Not allowed: the role is too low, the organisation is suspended, or a cookie request lacks its CSRF token",
        );
    }
    if has_path_params {
        add("404", "No such record, or not yours");
    }
    if unsafe_method {
        add("409", "A duplicate, or the record is in the wrong state");
    }
    if has_body {
        add("413", "The body is larger than 10 MiB");
        add("415", "The body is not JSON");
    }
    // An action on a record (`POST …/{id}/issue`) checks the record again as it stands.
    let action = matches!(method, HttpMethod::Post) && has_path_params;
    if has_body || has_query || action {
        add("422", "A field is not valid; `errors` names each one");
    }
    add(
        "500",
        "Something failed on the server (nothing internal is said)",
    );
    add(
        "503",
        "The database is unavailable or the schema is being upgraded; retry after `Retry-After` seconds",
    );
    // Error responses the handlers declared themselves use problem+json too.
    for (status, response) in &mut op.responses.responses {
        if !(status.starts_with('4') || status.starts_with('5')) {
            continue;
        }
        if let RefOr::T(response) = response
            && let Some(content) = response.content.shift_remove("application/json")
        {
            response
                .content
                .insert(problem::CONTENT_TYPE.to_owned(), content);
        }
    }
    // Keep the generated structure: a Responses value, sorted by status.
    let sorted = std::mem::take(&mut op.responses.responses);
    op.responses = ResponsesBuilder::new().responses_from_iter(sorted).build();
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                problem::CONTENT_TYPE,
                Content::new(Some(Ref::from_schema_name("Problem"))),
            )
            .build(),
    )
}
