//! The lines of a document form (invoices, bills): named `lines-<n>-<field>`, so that any number
//! of them post as a plain form; blank lines are spare rows and are left out; each line's
//! errors show next to its fields.

use bahi_app::masters::items as item_cases;
use bahi_app::sales::LineInput;
use bahi_app::{AtLeast, FieldErrors, Message, OrgCtx, Services, Viewer};
use bahi_gst::Paise;
use bahi_store::masters::ItemId;
use bahi_store::masters::items::ItemQuery;
use bahi_store::sales::documents::SalesLine;

use super::chrome::{Chrome, FormErrors};
use super::items::typed_amount;
use crate::http::HttpError;

/// Items a form's list offers (the first, by name).
pub const PICKER_LIMIT: i64 = 500;
/// The GST rates a form offers (GST.md §5); the use case checks them against the date.
const RATES: [&str; 13] = [
    "0", "0.1", "0.25", "1", "1.5", "3", "5", "6", "7.5", "12", "18", "28", "40",
];
/// Every field a line can have an error on.
const FIELDS: [&str; 10] = [
    "item_id",
    "description",
    "hsn_sac",
    "quantity",
    "unit_price",
    "discount",
    "gst_rate",
    "unit",
    "cess_rate",
    "itc",
];

/// One line of the form as typed.
#[derive(Debug, Clone, Default)]
pub struct LineForm {
    pub item_id: String,
    pub description: String,
    pub hsn_sac: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub gst_rate: String,
    /// Bills: `eligible` or `ineligible` for input tax credit.
    pub itc: String,
    /// Notes: `on` when the line is in the note (a note's form offers the invoice's lines).
    pub include: String,
}

impl LineForm {
    /// A stored line as the form shows it (changing a draft, or a note's lines from its invoice).
    pub fn of_sales_line(l: &SalesLine) -> Self {
        Self {
            item_id: l.item_id.map(|i| i.to_string()).unwrap_or_default(),
            description: l.description.clone(),
            hsn_sac: l.hsn_sac.to_string(),
            quantity: l.quantity.to_string(),
            unit_price: l.unit_price.to_string(),
            discount: if l.discount.is_zero() {
                String::new()
            } else {
                l.discount.to_string()
            },
            gst_rate: l.gst_rate.to_string(),
            itc: String::new(),
            include: String::new(),
        }
    }

    pub fn is_blank(&self) -> bool {
        [
            &self.item_id,
            &self.description,
            &self.hsn_sac,
            &self.quantity,
            &self.unit_price,
            &self.discount,
            &self.gst_rate,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// Takes `key` into the lines when it is a line's field (`lines-2-quantity`); false otherwise.
pub fn take(lines: &mut Vec<LineForm>, key: &str, value: String) -> bool {
    let Some((n, field)) = key
        .strip_prefix("lines-")
        .and_then(|rest| rest.split_once('-'))
    else {
        return false;
    };
    let Ok(n) = n.parse::<usize>() else {
        return false;
    };
    if n >= bahi_app::sales::compose::MAX_LINES {
        return false;
    }
    if lines.len() <= n {
        lines.resize(n + 1, LineForm::default());
    }
    let line = &mut lines[n];
    match field {
        "item_id" => line.item_id = value,
        "description" => line.description = value,
        "hsn_sac" => line.hsn_sac = value,
        "quantity" => line.quantity = value,
        "unit_price" => line.unit_price = value,
        "discount" => line.discount = value,
        "gst_rate" => line.gst_rate = value,
        "itc" => line.itc = value,
        "include" => line.include = value,
        _ => return false,
    }
    true
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The use case's lines (blank ones left out, positions kept for the errors).
pub fn inputs(lines: &[LineForm], errors: &mut FieldErrors) -> Vec<LineInput> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate().filter(|(_, l)| !l.is_blank()) {
        let item_id = match optional(&l.item_id) {
            None => None,
            Some(text) => match text.parse::<ItemId>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(
                        format!("lines[{i}].item_id"),
                        Message::new("item-not-found"),
                    );
                    None
                }
            },
        };
        out.push(LineInput {
            item_id,
            description: optional(&l.description),
            hsn_sac: optional(&l.hsn_sac),
            quantity: optional(&l.quantity),
            unit: None,
            unit_price: optional(&l.unit_price).map(|p| typed_amount(&p)),
            discount: optional(&l.discount).map(|p| typed_amount(&p)),
            gst_rate: optional(&l.gst_rate),
            treatment: None,
            cess_rate: None,
        });
    }
    out
}

/// A line of the form, with its inputs' ids and errors.
pub struct LineView {
    pub n: usize,
    pub number: usize,
    pub form: LineForm,
    pub errors: Vec<(String, String)>,
    /// An error on the line as a whole (a note crediting more than its invoice has left).
    pub line_error: Option<String>,
    /// Worked out: taxable value, tax and total, when the totals are.
    pub worked: Option<(String, String, String)>,
}

impl LineView {
    #[must_use]
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// The anchor the error summary links to for an error on the whole line.
    #[must_use]
    pub fn id_of_line(&self) -> String {
        FormErrors::anchor_of(&format!("lines[{}]", self.n))
    }

    #[must_use]
    pub fn id(&self, field: &str) -> String {
        FormErrors::anchor_of(&format!("lines[{}].{field}", self.n))
    }
}

/// The worked-out amounts of a settled line: taxable value, tax, total.
pub struct Worked {
    pub taxable: Paise,
    pub tax: Paise,
    pub total: Paise,
}

/// The lines as the page shows them; `worked` lines up with the non-blank lines.
pub fn views(
    lines: &[LineForm],
    worked: Option<Vec<Worked>>,
    errors: &FormErrors,
) -> Vec<LineView> {
    let mut worked = worked.into_iter().flatten();
    lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let field_errors = FIELDS
                .iter()
                .filter_map(|f| {
                    errors
                        .full(&format!("lines[{n}].{f}"))
                        .map(|m| ((*f).to_owned(), m.to_owned()))
                })
                .collect();
            let amounts = if l.is_blank() {
                None
            } else {
                worked
                    .next()
                    .map(|w| (w.taxable.to_inr(), w.tax.to_inr(), w.total.to_inr()))
            };
            LineView {
                n,
                number: n + 1,
                form: l.clone(),
                errors: field_errors,
                line_error: errors.full(&format!("lines[{n}]")).map(str::to_owned),
                worked: amounts,
            }
        })
        .collect()
}

/// The item and rate lists a line offers.
pub async fn pickers<R: AtLeast<Viewer>>(
    s: &Services,
    member: &OrgCtx<R>,
    chrome: &Chrome,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), HttpError> {
    let items = item_cases::list(
        s,
        member,
        &ItemQuery {
            limit: PICKER_LIMIT,
            ..ItemQuery::default()
        },
    )
    .await?;
    let mut item_options = vec![(String::new(), chrome.t("invoice-no-item"))];
    item_options.extend(items.iter().map(|i| {
        (
            i.id.to_string(),
            format!("{} · {} · {}%", i.name, i.price.to_inr(), i.gst_rate),
        )
    }));
    let mut rates = vec![(String::new(), chrome.t("invoice-rate-from-item"))];
    rates.extend(RATES.iter().map(|r| ((*r).to_owned(), format!("{r}%"))));
    Ok((item_options, rates))
}
