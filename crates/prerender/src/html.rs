//! Escaping for what the prerenderer writes itself (the pages' bodies are
//! escaped by Leptos).

/// Text for an HTML attribute value in double quotes, or for text content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/ld+json">` block: no `<` at all,
/// so no text in it can close the script.
pub fn script_json(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn a_script_block_cannot_be_closed_from_inside() {
        let json = serde_json::json!({ "headline": "</script><script>alert(1)</script>" });
        assert!(!script_json(&json).contains('<'));
    }
}
