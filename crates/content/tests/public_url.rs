//! The site's public address: what the site file may give as `site.url`.

use newsroom_content::model::is_public_url;

#[test]
fn an_http_address_with_an_optional_path_is_accepted() {
    for url in [
        "https://www.osce.org",
        "https://example.org/news/",
        "http://127.0.0.1:8080",
    ] {
        assert!(is_public_url(url), "{url}");
    }
}

#[test]
fn anything_that_could_break_out_of_an_attribute_or_is_not_an_address_is_refused() {
    for url in [
        "",
        "www.osce.org",
        "javascript:alert(1)",
        "https://",
        "https://a.org/?q=1",
        "https://a.org/#top",
        "https://a.org/\"><script>",
        "https://a b.org",
        "ftp://a.org",
    ] {
        assert!(!is_public_url(url), "{url}");
    }
}
