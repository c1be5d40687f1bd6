//! Form fields as pages show them (`templates/field.html`): the label, an optional hint, the
//! input with what was typed, and the error next to it, wired for screen readers
//! (`aria-invalid`, `aria-describedby`). A page builds its fields in Rust, so every form reads
//! and fails the same way.

use super::chrome::{Chrome, FormErrors};

/// What kind of input a field is.
pub enum Input {
    /// `<input type=…>` (`text`, `email`, `tel`).
    Text(&'static str),
    /// A number with decimals typed as text (money, rates), with a numeric keyboard on phones.
    Decimal,
    /// `<select>`: (value, words) pairs.
    Select(Vec<(String, String)>),
}

pub struct Field {
    /// The input's id: the error summary links to it.
    pub id: String,
    /// The form field's name.
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub input: Input,
    pub required: bool,
    pub autocomplete: &'static str,
    pub error: Option<String>,
}

impl Field {
    /// A field whose errors come from `field` in the use case's terms
    /// (`billing_address.pincode`).
    pub fn new(
        chrome: &Chrome,
        errors: &FormErrors,
        field: &str,
        name: &'static str,
        value: &str,
        input: Input,
    ) -> Self {
        Self {
            id: FormErrors::anchor_of(field),
            name,
            label: chrome.label(field),
            hint: String::new(),
            value: value.to_owned(),
            input,
            required: false,
            autocomplete: "off",
            error: errors.full(field).map(str::to_owned),
        }
    }

    #[must_use]
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    #[must_use]
    pub fn hint(mut self, hint: String) -> Self {
        self.hint = hint;
        self
    }

    #[must_use]
    pub fn autocomplete(mut self, autocomplete: &'static str) -> Self {
        self.autocomplete = autocomplete;
        self
    }

    /// For templates: whether `value` is the chosen option.
    #[must_use]
    pub fn chosen(&self, value: &str) -> bool {
        self.value == value
    }
}
