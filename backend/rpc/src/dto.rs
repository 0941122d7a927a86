//! What every type on the wire can do beyond serde.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

/// A type that crosses the wire. Declared with `#[sent_rpc::dto]`, which
/// also fixes the wire conventions (camelCase names, unknown fields refused).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a SENT wire type",
    label = "declare it with `#[sent_rpc::dto]`",
    note = "params and results of a service method must be DTOs so that they serialise, decode strictly and redact"
)]
pub trait Dto: Serialize + DeserializeOwned + specta::Type + Send + Sync + 'static {
    /// The value as the audit log may keep it: fields marked `#[sensitive]`
    /// are replaced by `"[redacted]"`.
    fn redacted(&self) -> Value;

    /// The ids of the rows this value names (fields marked `#[id]`); for a
    /// mutation's result, the rows it affected.
    fn ids(&self, out: &mut Vec<Uuid>);
}

/// The marker the audit log keeps in place of a sensitive value.
pub const REDACTED: &str = "[redacted]";

impl Dto for () {
    fn redacted(&self) -> Value {
        Value::Null
    }
    fn ids(&self, _: &mut Vec<Uuid>) {}
}

impl<T: Dto> Dto for Vec<T> {
    fn redacted(&self) -> Value {
        Value::Array(self.iter().map(Dto::redacted).collect())
    }
    fn ids(&self, out: &mut Vec<Uuid>) {
        for item in self {
            item.ids(out);
        }
    }
}

/// Fields that `#[id]` may mark.
pub trait CollectIds {
    fn collect_ids(&self, out: &mut Vec<Uuid>);
}

impl CollectIds for Uuid {
    fn collect_ids(&self, out: &mut Vec<Uuid>) {
        out.push(*self);
    }
}

impl<T: CollectIds> CollectIds for Option<T> {
    fn collect_ids(&self, out: &mut Vec<Uuid>) {
        if let Some(value) = self {
            value.collect_ids(out);
        }
    }
}

impl<T: CollectIds> CollectIds for Vec<T> {
    fn collect_ids(&self, out: &mut Vec<Uuid>) {
        for value in self {
            value.collect_ids(out);
        }
    }
}

/// Serialise a DTO for the audit log and replace its sensitive members
/// (helper for the generated `Dto::redacted`).
#[doc(hidden)]
pub fn redact_members<T: Serialize>(value: &T, sensitive: &[&str]) -> Value {
    let mut value = serde_json::to_value(value).unwrap_or(Value::Null);
    if let Value::Object(members) = &mut value {
        for name in sensitive {
            if let Some(member) = members.get_mut(*name)
                && !member.is_null()
            {
                *member = Value::String(REDACTED.to_owned());
            }
        }
    }
    value
}

/// One page of a list, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    /// Opaque: its format may change.
    pub next_cursor: Option<String>,
}

impl<T: Dto> Dto for Page<T> {
    fn redacted(&self) -> Value {
        serde_json::json!({ "items": self.items.redacted(), "nextCursor": self.next_cursor })
    }
    fn ids(&self, out: &mut Vec<Uuid>) {
        self.items.ids(out);
    }
}

impl<T> Page<T> {
    /// A page from up to `limit + 1` rows: the extra row only says that
    /// another page follows, and `cursor_of` names where it starts.
    pub fn from_rows(mut rows: Vec<T>, limit: usize, cursor_of: impl Fn(&T) -> String) -> Self {
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(&cursor_of)
        } else {
            None
        };
        Self { items: rows, next_cursor }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_says_where_the_next_starts_only_when_there_is_one() {
        let page = Page::from_rows(vec![1, 2, 3], 2, ToString::to_string);
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next_cursor.as_deref(), Some("2"));
        let last = Page::from_rows(vec![1, 2], 2, ToString::to_string);
        assert_eq!(last.next_cursor, None);
    }

    #[test]
    fn sensitive_members_are_redacted_but_nulls_stay_null() {
        let value = serde_json::json!({ "name": "a", "secret": "s", "pin": null });
        let redacted = redact_members(&value, &["secret", "pin"]);
        assert_eq!(redacted, serde_json::json!({ "name": "a", "secret": REDACTED, "pin": null }));
    }
}
