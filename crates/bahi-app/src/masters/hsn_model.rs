//! Asking a language model for HSN/SAC codes and a GST rate, through any OpenAI-compatible
//! chat-completions endpoint (a hosted model or a local one: Ollama, llama.cpp, vLLM). The
//! answer must be JSON of a fixed schema (requested as a strict `json_schema` response format)
//! and is checked before anyone sees it: codes of the right shape and kind, rates in force.

use std::time::Duration;

use bahi_gst::{HsnSac, Rate, SupplyKind};
use serde_json::{Value, json};
use time::Date;

/// A model to ask (`BAHI_LLM_BASE_URL`, `BAHI_LLM_API_KEY`, `BAHI_LLM_MODEL`).
#[derive(Clone)]
pub struct LlmPolicy {
    /// Ends in `/`; `chat/completions` is appended (`https://api.openai.com/v1/`).
    pub base_url: String,
    pub api_key: Option<String>,
    pub model: String,
    pub http: reqwest::Client,
}

impl std::fmt::Debug for LlmPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmPolicy")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

impl LlmPolicy {
    #[must_use]
    pub fn new(base_url: &str, api_key: Option<String>, model: String, timeout: Duration) -> Self {
        let base_url = if base_url.ends_with('/') {
            base_url.to_owned()
        } else {
            format!("{base_url}/")
        };
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .unwrap_or_default();
        Self {
            base_url,
            api_key,
            model,
            http,
        }
    }
}

/// A checked suggestion of the model's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggested {
    pub code: HsnSac,
    pub rate: Rate,
    pub description: String,
}

/// Why the model gave nothing usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("the model could not be reached: {0}")]
    Unreachable(String),
    #[error("the model answered {0}")]
    Status(u16),
    #[error("the model's answer is not the JSON asked for")]
    Malformed,
}

/// The answer's JSON schema: up to five suggestions, each a code, a description and a rate.
fn schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "suggestions": {
                "type": "array",
                "maxItems": 5,
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "description": "HSN (goods) or SAC (services, starting 99), 4, 6 or 8 digits"},
                        "description": {"type": "string"},
                        "gst_rate": {"type": "string", "description": "GST rate in percent, e.g. \"18\" or \"0.25\""}
                    },
                    "required": ["code", "description", "gst_rate"],
                    "additionalProperties": false
                }
            }
        },
        "required": ["suggestions"],
        "additionalProperties": false
    })
}

const INSTRUCTIONS: &str = "You classify goods and services for India's GST. Given an item a \
business sells, suggest up to five HSN codes (goods) or SAC codes (services; they start with 99) \
of 4, 6 or 8 digits, most likely first, each with a short description and the GST rate in percent \
that applies in India today (after the September 2025 rate rationalisation: mostly 0, 5, 18 or \
40). Answer only with JSON matching the schema.";

/// Asks the model about `description`; the suggestions that pass the checks, in its order.
pub async fn suggest(
    policy: &LlmPolicy,
    description: &str,
    kind: Option<SupplyKind>,
    today: Date,
) -> Result<Vec<Suggested>, ModelError> {
    let kind_text = kind.map_or("not said", SupplyKind::as_str);
    let body = json!({
        "model": policy.model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": format!("Item: {description}\nKind: {kind_text}")}
        ],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "hsn_suggestions", "strict": true, "schema": schema()}
        }
    });
    let mut request = policy
        .http
        .post(format!("{}chat/completions", policy.base_url))
        .json(&body);
    if let Some(key) = &policy.api_key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.map_err(|e| {
        ModelError::Unreachable(
            if e.is_timeout() {
                "timed out"
            } else {
                "failed"
            }
            .to_owned(),
        )
    })?;
    if !response.status().is_success() {
        return Err(ModelError::Status(response.status().as_u16()));
    }
    let answer: Value = response.json().await.map_err(|_| ModelError::Malformed)?;
    let content = answer["choices"][0]["message"]["content"]
        .as_str()
        .ok_or(ModelError::Malformed)?;
    checked(content, kind, today)
}

/// The model's JSON, each suggestion checked: a code of 4, 6 or 8 digits of the asked kind,
/// a rate in force on `today` (a rate only a few goods still carry is left out). Duplicates
/// go.
fn checked(
    content: &str,
    kind: Option<SupplyKind>,
    today: Date,
) -> Result<Vec<Suggested>, ModelError> {
    let parsed: Value = serde_json::from_str(content).map_err(|_| ModelError::Malformed)?;
    let items = parsed["suggestions"]
        .as_array()
        .ok_or(ModelError::Malformed)?;
    let mut out: Vec<Suggested> = Vec::new();
    for item in items.iter().take(5) {
        let (Some(code), Some(description), Some(rate)) = (
            item["code"].as_str(),
            item["description"].as_str(),
            item["gst_rate"].as_str(),
        ) else {
            continue;
        };
        let code = match kind {
            Some(k) => HsnSac::parse_for(k, code.trim()),
            None => HsnSac::parse(code.trim()),
        };
        let (Ok(code), Ok(rate)) = (code, Rate::parse(rate.trim().trim_end_matches('%'))) else {
            continue;
        };
        if !matches!(bahi_gst::rates::check_gst_rate(today, rate), Ok(None)) {
            continue;
        }
        if out.iter().any(|s| s.code == code) {
            continue;
        }
        out.push(Suggested {
            code,
            rate,
            description: description.chars().take(200).collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_codes_of_the_right_shape_and_kind_with_rates_in_force_pass() {
        let today = time::macros::date!(2026 - 12 - 01);
        let content = r#"{"suggestions": [
            {"code": "8471", "description": "Laptops", "gst_rate": "18%"},
            {"code": "998314", "description": "A service", "gst_rate": "18"},
            {"code": "8471", "description": "Again", "gst_rate": "18"},
            {"code": "84713", "description": "Five digits", "gst_rate": "18"},
            {"code": "8473", "description": "Parts", "gst_rate": "12"},
            {"code": "847130", "description": "Past the fifth", "gst_rate": "18"}
        ]}"#;
        let codes = |kind| -> Vec<String> {
            checked(content, kind, today)
                .unwrap_or_default()
                .iter()
                .map(|s| s.code.as_str().to_owned())
                .collect()
        };
        assert_eq!(codes(Some(SupplyKind::Goods)), ["8471"]);
        assert_eq!(codes(Some(SupplyKind::Services)), ["998314"]);
        assert_eq!(codes(None), ["8471", "998314"]);
        let bad_rate =
            r#"{"suggestions": [{"code": "8528", "description": "Monitors", "gst_rate": "17"}]}"#;
        assert_eq!(checked(bad_rate, None, today), Ok(Vec::new()));
        assert_eq!(checked("not json", None, today), Err(ModelError::Malformed));
        assert_eq!(
            checked(r#"{"other": []}"#, None, today),
            Err(ModelError::Malformed)
        );
    }
}
