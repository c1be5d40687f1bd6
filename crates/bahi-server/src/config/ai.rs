//! AI assist: the OpenAI-compatible model HSN help asks. On when `BAHI_LLM_BASE_URL` and
//! `BAHI_LLM_MODEL` are set; without them HSN help answers from the offline list.

use std::time::Duration;

use bahi_app::masters::hsn_model::LlmPolicy;

use super::errors::ConfigError;
use super::settings::{LLM_API_KEY, LLM_BASE_URL, LLM_MODEL, LLM_TIMEOUT_SECS};
use super::sources::{Raw, err};

pub(super) fn read(raw: &Raw<'_>, errors: &mut Vec<ConfigError>) -> Option<LlmPolicy> {
    let timeout = raw.number::<u64>(&LLM_TIMEOUT_SECS, 10, 1, 60, errors);
    let base = raw.get(&LLM_BASE_URL);
    let model = raw.get(&LLM_MODEL);
    let key = raw.get(&LLM_API_KEY);
    let base = match base {
        None => {
            if model.is_some() {
                errors.push(err(
                    &LLM_BASE_URL,
                    "must be set when BAHI_LLM_MODEL is (the API that serves the model)".to_owned(),
                ));
            }
            return None;
        }
        Some(base) => base,
    };
    if !url::Url::parse(&base)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
    {
        errors.push(err(
            &LLM_BASE_URL,
            format!("must be an http(s) URL such as https://api.openai.com/v1, not {base:?}"),
        ));
        return None;
    }
    let Some(model) = model else {
        errors.push(err(
            &LLM_MODEL,
            "must be set when BAHI_LLM_BASE_URL is (which model to ask)".to_owned(),
        ));
        return None;
    };
    Some(LlmPolicy::new(
        &base,
        key,
        model,
        Duration::from_secs(timeout),
    ))
}
