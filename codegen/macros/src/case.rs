//! Rust names to wire names, the same rule serde's `rename_all = "camelCase"`
//! applies.

/// `create_account` → `createAccount`.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper_next = false;
    for ch in snake.trim_start_matches("r#").chars() {
        if ch == '_' {
            upper_next = true;
        } else if upper_next {
            out.extend(ch.to_uppercase());
            upper_next = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_to_camel() {
        assert_eq!(camel_case("create_account"), "createAccount");
        assert_eq!(camel_case("as_of"), "asOf");
        assert_eq!(camel_case("id"), "id");
        assert_eq!(camel_case("r#type"), "type");
    }
}
