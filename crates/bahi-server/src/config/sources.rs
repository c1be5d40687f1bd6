//! Where values come from: the environment over an optional TOML file (read with figment), all as
//! text so each setting parses its own value and names its own variable in errors.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Format, Toml};

use super::errors::ConfigError;
use super::settings::{SETTINGS, Setting};

/// The environment variable naming an explicit configuration file.
pub const CONFIG_FILE_VAR: &str = "BAHI_CONFIG";
const DEFAULT_CONFIG_FILE: &str = "bahi.toml";

/// Values from the environment over values from the file; empty means unset.
pub(super) struct Raw<'a> {
    pub(super) vars: &'a HashMap<String, String>,
    pub(super) file: BTreeMap<String, String>,
}

impl Raw<'_> {
    /// A setting's value: the environment over the file; empty means unset.
    pub(super) fn get(&self, setting: &Setting) -> Option<String> {
        let from_env = self
            .vars
            .get(setting.var)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty());
        let from_file = || {
            self.file
                .get(setting.key)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
        };
        from_env.or_else(from_file).map(str::to_owned)
    }

    /// A whole number within `min..=max`, or `default` when unset.
    pub(super) fn number<T>(
        &self,
        setting: &'static Setting,
        default: T,
        min: T,
        max: T,
        errors: &mut Vec<ConfigError>,
    ) -> T
    where
        T: std::str::FromStr + PartialOrd + fmt::Display + Copy,
    {
        let Some(text) = self.get(setting) else {
            return default;
        };
        match text.parse::<T>() {
            Ok(n) if n >= min && n <= max => n,
            _ => {
                errors.push(err(
                    setting,
                    format!("must be a whole number from {min} to {max}, not {text:?}"),
                ));
                default
            }
        }
    }
}

pub(super) fn err(setting: &'static Setting, message: String) -> ConfigError {
    ConfigError {
        var: setting.var,
        message,
    }
}

/// An error about the configuration file itself (`BAHI_CONFIG`).
fn file_err(message: String) -> ConfigError {
    ConfigError {
        var: CONFIG_FILE_VAR,
        message,
    }
}

/// Reads `BAHI_CONFIG` (which must exist) or `./bahi.toml` (if it exists) into strings.
pub(super) fn read_file(
    vars: &HashMap<String, String>,
    errors: &mut Vec<ConfigError>,
) -> (Option<PathBuf>, BTreeMap<String, String>) {
    let path = match vars.get(CONFIG_FILE_VAR).filter(|p| !p.trim().is_empty()) {
        Some(p) => {
            let path = PathBuf::from(p.trim());
            if !path.is_file() {
                errors.push(file_err(format!(
                    "names {} but there is no such file",
                    path.display()
                )));
                return (None, BTreeMap::new());
            }
            path
        }
        None if Path::new(DEFAULT_CONFIG_FILE).is_file() => PathBuf::from(DEFAULT_CONFIG_FILE),
        None => return (None, BTreeMap::new()),
    };
    let values: BTreeMap<String, serde_json::Value> =
        match Figment::from(Toml::file_exact(&path)).extract() {
            Ok(v) => v,
            Err(e) => {
                errors.push(file_err(format!("{} cannot be read: {e}", path.display())));
                return (Some(path), BTreeMap::new());
            }
        };
    let mut out = BTreeMap::new();
    for (key, value) in values {
        if !SETTINGS.iter().any(|s| s.key == key) {
            errors.push(file_err(format!(
                "{} has an unknown key {key:?}",
                path.display()
            )));
            continue;
        }
        let text = match value {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(","),
            _ => {
                errors.push(file_err(format!(
                    "{}: {key} must be a string, number or list",
                    path.display()
                )));
                continue;
            }
        };
        out.insert(key, text);
    }
    (Some(path), out)
}
