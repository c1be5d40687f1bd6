//! Lists whose WHERE clause holds only the filters asked for. A fixed query with
//! `($2 IS NULL OR status = $2)` for every filter reads well but plans badly on PostgreSQL (a
//! generic plan cannot drop the unused conditions, nor use the keyset position to seek in the
//! index), so deep pages of a long list would scan from its start. [`Filter`] writes each
//! condition with its own placeholder, in order, and binds the values on either engine.

use time::Date;

/// A bound value of a list query.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    Uuid(uuid::Uuid),
    Date(Date),
    Int(i64),
}

/// Conditions and their values, numbered as they are added.
#[derive(Debug, Default)]
pub struct Filter {
    conditions: Vec<String>,
    values: Vec<Value>,
}

impl Filter {
    /// Adds `condition`, in which each `?` stands for the next of `values`.
    pub fn and(&mut self, condition: &str, values: impl IntoIterator<Item = Value>) -> &mut Self {
        let mut values = values.into_iter();
        let mut text = String::with_capacity(condition.len() + 8);
        for c in condition.chars() {
            if c == '?' {
                if let Some(value) = values.next() {
                    self.values.push(value);
                }
                text.push_str(&format!("${}", self.values.len()));
            } else {
                text.push(c);
            }
        }
        debug_assert!(values.next().is_none(), "more values than placeholders");
        self.conditions.push(text);
        self
    }

    /// Rows from `from` to `to` (either left open) by the `date` column of table alias `t`.
    pub fn dates(&mut self, t: &str, from: Option<Date>, to: Option<Date>) -> &mut Self {
        if let Some(from) = from {
            self.and(&format!("{t}.date >= ?"), [Value::Date(from)]);
        }
        if let Some(to) = to {
            self.and(&format!("{t}.date <= ?"), [Value::Date(to)]);
        }
        self
    }

    /// The keyset position of a list ordered `date DESC, id DESC`: rows after `(date, id)`.
    pub fn before(&mut self, t: &str, position: Option<(Date, uuid::Uuid)>) -> &mut Self {
        if let Some((date, id)) = position {
            self.and(
                &format!("({t}.date < ? OR ({t}.date = ? AND {t}.id < ?))"),
                [Value::Date(date), Value::Date(date), Value::Uuid(id)],
            );
        }
        self
    }

    /// `WHERE a AND b AND c`
    #[must_use]
    pub fn clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }

    /// A placeholder for one more value (a LIMIT, say).
    pub fn placeholder(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    #[must_use]
    pub fn values(&self) -> &[Value] {
        &self.values
    }
}

/// Binds a [`Filter`]'s values, in order, to a query of either engine.
macro_rules! bind_all {
    ($query:expr, $values:expr) => {{
        let mut query = $query;
        for value in $values {
            query = match value {
                $crate::filter::Value::Text(v) => query.bind(v.clone()),
                $crate::filter::Value::Uuid(v) => query.bind(*v),
                $crate::filter::Value::Date(v) => query.bind(*v),
                $crate::filter::Value::Int(v) => query.bind(*v),
            };
        }
        query
    }};
}

pub(crate) use bind_all;
