//! HSN/SAC help on the item form: suggestions of a code and a GST rate for an item's name,
//! which the user accepts or not (nothing is filled in by itself). From the configured model
//! when there is one (`BAHI_LLM_*`), checked against the rate table; from the offline list
//! otherwise — and whenever the model fails or suggests nothing usable.

use bahi_gst::{HsnSac, Rate, SupplyKind};

use super::hsn_list;
use super::hsn_model::{self, ModelError};
use crate::{AtLeast, Error, FieldErrors, Message, OrgCtx, Services, Viewer};

/// Where suggestions came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Model,
    Offline,
}

impl Source {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Model => "model",
            Self::Offline => "offline",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub code: HsnSac,
    pub kind: SupplyKind,
    pub description: String,
    pub gst_rate: Rate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestions {
    pub source: Source,
    /// The model was asked and failed (the offline list answered instead).
    pub model_failed: bool,
    pub items: Vec<Suggestion>,
}

const LIMIT: usize = 6;

fn kind_of(code: &HsnSac) -> SupplyKind {
    if code.is_service() {
        SupplyKind::Services
    } else {
        SupplyKind::Goods
    }
}

/// Suggestions for an item called `description` (of `kind`, when known).
pub async fn suggest<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    description: &str,
    kind: Option<SupplyKind>,
) -> Result<Suggestions, Error> {
    let description = description.trim();
    let mut errors = FieldErrors::default();
    if description.chars().count() < 2 {
        errors.push("q", Message::new("hsn-help-short"));
    } else if description.chars().count() > 200 {
        errors.push("q", Message::new("field-too-long").arg("max", 200));
    }
    errors.check()?;
    let mut model_failed = false;
    if let Some(llm) = &s.policy.llm {
        match hsn_model::suggest(llm, description, kind, org.today()).await {
            Ok(found) if !found.is_empty() => {
                return Ok(Suggestions {
                    source: Source::Model,
                    model_failed: false,
                    items: found
                        .into_iter()
                        .map(|f| Suggestion {
                            kind: kind_of(&f.code),
                            code: f.code,
                            description: f.description,
                            gst_rate: f.rate,
                        })
                        .collect(),
                });
            }
            Ok(_) => model_failed = true,
            Err(e) => {
                let e: ModelError = e;
                tracing::warn!(error = %e, "HSN suggestions fell back to the offline list");
                model_failed = true;
            }
        }
    }
    Ok(Suggestions {
        source: Source::Offline,
        model_failed,
        items: hsn_list::search(description, kind, LIMIT)
            .into_iter()
            .map(|e| Suggestion {
                kind: kind_of(&e.code),
                code: e.code.clone(),
                description: e.description.clone(),
                gst_rate: e.rate,
            })
            .collect(),
    })
}
