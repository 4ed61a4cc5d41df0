//! Where an employer catalog may come from (issue 10, item 6). Plain Rust, tested natively.
//!
//! A `?catalog=` address arrives in a link, which anyone can craft, so the page loads a catalog
//! only from its own origin or from an origin the host lists in the deployment file
//! `public/costshare.config.json`:
//!
//! ```json
//! { "catalogOrigins": ["https://benefits.example.com"] }
//! ```
//!
//! The page resolves the address with the browser's URL parser first (relative addresses,
//! international names to their `xn--` form, default ports) and passes the result here. This
//! parser is deliberately stricter than a browser's: it accepts only `http(s)://host[:port]`
//! followed by a path, query or fragment, with a host of ASCII letters, digits, `-` and `.`
//! (or a bracketed IPv6 address). Anything a browser might read differently (user names and
//! passwords, backslashes, percent-encoded or non-ASCII hosts, spaces, control characters) is
//! refused, so what is checked here is exactly what the browser fetches.

use std::fmt;

/// The deployment file, relative to the page.
pub const CONFIG_PATH: &str = "public/costshare.config.json";

/// The most origins the deployment file may list.
pub const MAX_ORIGINS: usize = 100;

/// The largest deployment file read (bytes).
pub const MAX_CONFIG_BYTES: usize = 64 * 1024;

/// The longest catalog address accepted (characters).
pub const MAX_ADDRESS_CHARS: usize = 2048;

/// `http` or `https`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Plain HTTP: allowed only for the site's own origin and for loopback hosts.
    Http,
    /// HTTPS.
    Https,
}

impl Scheme {
    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
    fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
}

/// A web origin: scheme, host and port, normalised (lowercase host, no default port).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    scheme: Scheme,
    host: String,
    port: Option<u16>,
}

impl Origin {
    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The host, lowercase.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// A loopback host (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`): browsers treat
    /// these as secure even over plain HTTP.
    pub fn is_loopback(&self) -> bool {
        let h = self.host.as_str();
        h == "localhost"
            || h.ends_with(".localhost")
            || h == "[::1]"
            || (h.starts_with("127.")
                && h.split('.').count() == 4
                && h.split('.')
                    .all(|p| !p.is_empty() && p.parse::<u8>().is_ok()))
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme.as_str(), self.host)?;
        if let Some(p) = self.port {
            write!(f, ":{p}")?;
        }
        Ok(())
    }
}

/// An absolute catalog address that passed the strict parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Its origin.
    pub origin: Origin,
    /// The address as given (already normalised by the browser in the page).
    pub href: String,
}

/// Shows text from a link or a file in a message: control characters and bidirectional
/// overrides escaped (they could disguise an address), cut at 200 characters.
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == 200 {
            out.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A mark that changes the direction text reads in (left-to-right and right-to-left marks, embeddings, overrides and isolates).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A catalog's name as shown on the page: control characters and bidirectional overrides
/// removed, whitespace collapsed, at most 120 characters; `None` if nothing is left.
pub fn display_name(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !is_bidi_control(*c) && *c != '\u{feff}')
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.is_empty() {
        return None;
    }
    let mut out: String = joined.chars().take(120).collect();
    if joined.chars().count() > 120 {
        out.push('…');
    }
    Some(out)
}

fn parse_scheme(text: &str) -> Result<(Scheme, &str), String> {
    let Some(colon) = text.find(':') else {
        return Err(format!("\"{}\" is not a full web address", shown(text)));
    };
    let (scheme, rest) = (&text[..colon], &text[colon + 1..]);
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        other => {
            return Err(format!(
                "\"{}\" uses \"{}:\"; only http and https addresses are allowed",
                shown(text),
                shown(other)
            ));
        }
    };
    let Some(rest) = rest.strip_prefix("//") else {
        return Err(format!(
            "\"{}\" is not a full web address (expected {}://host/…)",
            shown(text),
            scheme.as_str()
        ));
    };
    Ok((scheme, rest))
}

/// Parses `scheme://host[:port]` at the start of `text`; returns the origin and the rest
/// (path, query, fragment).
fn parse_origin_prefix(text: &str) -> Result<(Origin, &str), String> {
    if text.len() > MAX_ADDRESS_CHARS {
        return Err(format!(
            "the address is longer than {MAX_ADDRESS_CHARS} characters"
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || is_bidi_control(*c))
    {
        return Err(format!(
            "\"{}\" contains {}; write the address without it",
            shown(text),
            if c.is_whitespace() && !c.is_control() {
                "a space".to_string()
            } else {
                format!("the control character \\u{{{:x}}}", u32::from(c))
            }
        ));
    }
    let (scheme, rest) = parse_scheme(text)?;
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let (authority, after) = (&rest[..end], &rest[end..]);
    if after.starts_with('\\') {
        return Err(format!(
            "\"{}\" has a backslash after its host; browsers read it as \"/\", so the address is ambiguous",
            shown(text)
        ));
    }
    if authority.contains('@') {
        return Err(format!(
            "\"{}\" has a user name or password before \"@\" (the real host is what follows the \"@\"); addresses with \"@\" are not allowed",
            shown(text)
        ));
    }
    let (host, port) = split_host_port(authority)
        .map_err(|why| format!("\"{}\" does not have a valid host: {why}", shown(text)))?;
    let port = match port {
        Some(p) if p == scheme.default_port() => None,
        other => other,
    };
    Ok((Origin { scheme, host, port }, after))
}

fn split_host_port(authority: &str) -> Result<(String, Option<u16>), String> {
    if authority.is_empty() {
        return Err("it is empty".into());
    }
    let (host, port) = if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return Err("an IPv6 address is missing its \"]\"".into());
        };
        let (h, rest) = authority.split_at(close + 1);
        let inner = &h[1..h.len() - 1];
        if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            return Err(format!("\"{h}\" is not an IPv6 address"));
        }
        match rest {
            "" => (h.to_ascii_lowercase(), None),
            r => match r.strip_prefix(':') {
                Some(p) => (h.to_ascii_lowercase(), Some(p)),
                None => return Err(format!("unexpected \"{r}\" after the IPv6 address")),
            },
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    let port = match port {
        None => None,
        Some("") => return Err("the port after \":\" is empty".into()),
        Some(p) if p.chars().all(|c| c.is_ascii_digit()) && p.len() <= 5 => {
            match p.parse::<u16>() {
                Ok(n) if n > 0 => Some(n),
                _ => return Err(format!("port {p} is not between 1 and 65535")),
            }
        }
        Some(p) => return Err(format!("\"{}\" is not a port number", shown(p))),
    };
    if !host.starts_with('[') {
        if let Some(c) = host
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
        {
            return Err(if c.is_ascii() {
                format!("\"{}\" contains \"{c}\"", shown(&host))
            } else {
                format!(
                    "\"{}\" has characters other than a-z, 0-9, \"-\" and \".\"; write an international name in its xn-- form",
                    shown(&host)
                )
            });
        }
        if host.is_empty() {
            return Err("it is empty".into());
        }
        if host.ends_with('.') {
            return Err(format!(
                "\"{host}\" ends with a dot; write it without the dot"
            ));
        }
        if host.starts_with('.') || host.contains("..") {
            return Err(format!("\"{host}\" has an empty label"));
        }
        if host
            .split('.')
            .any(|l| l.starts_with('-') || l.ends_with('-'))
        {
            return Err(format!(
                "\"{host}\" has a label starting or ending with \"-\""
            ));
        }
        if host.chars().all(|c| c.is_ascii_digit() || c == '.') && !is_dotted_quad(&host) {
            return Err(format!("\"{host}\" is not a valid IPv4 address"));
        }
    }
    Ok((host, port))
}

/// Four decimal numbers 0 to 255 without leading zeros (browsers read `0177.1` and `2130706433`
/// as addresses too; those spellings are refused).
fn is_dotted_quad(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty() && (p.len() == 1 || !p.starts_with('0')) && p.parse::<u8>().is_ok()
        })
}

/// Parses an absolute catalog address.
///
/// # Errors
///
/// A message naming the address and what is wrong with it.
pub fn parse_address(href: &str) -> Result<Address, String> {
    let (origin, _) = parse_origin_prefix(href)?;
    Ok(Address {
        origin,
        href: href.to_string(),
    })
}

/// Parses an origin as the deployment file lists it: `https://host[:port]`, optionally with a
/// trailing `/`; plain `http` only for loopback hosts (local testing).
///
/// # Errors
///
/// A message saying what is wrong with the entry.
pub fn parse_origin(text: &str) -> Result<Origin, String> {
    let (origin, rest) = parse_origin_prefix(text)?;
    if !(rest.is_empty() || rest == "/") {
        return Err(format!(
            "\"{}\" is an address, not an origin: write only {origin}",
            shown(text)
        ));
    }
    if origin.scheme == Scheme::Http && !origin.is_loopback() {
        return Err(format!(
            "\"{}\" uses plain http, which anyone on the network can change; use https://{}",
            shown(text),
            origin.host
        ));
    }
    Ok(origin)
}

/// The deployment file's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeployConfig {
    /// Origins besides the site's own that catalogs may come from.
    pub catalog_origins: Vec<Origin>,
}

/// The deployment file as written.
#[derive(costshare_json::FromJson)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(rename = "catalogOrigins", default)]
    catalog_origins: Vec<String>,
}

/// Reads the deployment file `public/costshare.config.json`.
///
/// # Errors
///
/// A message naming the setting that is wrong; the page then allows only its own origin.
pub fn parse_config(text: &str) -> Result<DeployConfig, String> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(format!(
            "{CONFIG_PATH} is larger than {} KB",
            MAX_CONFIG_BYTES / 1024
        ));
    }
    let example = "like {\"catalogOrigins\": [\"https://benefits.example.com\"]}";
    // A list would read as the struct's fields in order.
    if text.trim_start().starts_with('[') {
        return Err(format!("{CONFIG_PATH} must be a JSON object, {example}"));
    }
    // Through the plan files' reader, which names the field of any problem.
    let file: ConfigFile = costshare_plan::from_json(text).map_err(|p| {
        let message = shown(&p.message);
        match p.path.as_str() {
            "" => format!("{CONFIG_PATH}: {message}; write it {example}"),
            path => format!("{CONFIG_PATH}: {path}: {message}; write it {example}"),
        }
    })?;
    if file.catalog_origins.len() > MAX_ORIGINS {
        return Err(format!(
            "{CONFIG_PATH}: catalogOrigins lists {} origins; at most {MAX_ORIGINS}",
            file.catalog_origins.len()
        ));
    }
    let mut config = DeployConfig::default();
    for (i, text) in file.catalog_origins.iter().enumerate() {
        let origin =
            parse_origin(text).map_err(|e| format!("{CONFIG_PATH}: catalogOrigins[{i}]: {e}"))?;
        config.catalog_origins.push(origin);
    }
    Ok(config)
}

/// Where an accepted catalog comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trust {
    /// The site's own origin.
    SameOrigin,
    /// An origin the deployment file lists.
    Allowed,
}

/// Whether a catalog at `address` may be loaded on a site served from `site`, given the
/// deployment file (`None` when there is none or it could not be read; `config_problem` then
/// says why, for the message).
///
/// # Errors
///
/// A message naming the catalog's origin and telling the host how to allow it.
pub fn check(
    address: &Address,
    site: &Origin,
    config: Option<&DeployConfig>,
    config_problem: Option<&str>,
) -> Result<Trust, String> {
    let origin = &address.origin;
    if origin == site {
        return Ok(Trust::SameOrigin);
    }
    if let Some(c) = config
        && c.catalog_origins.contains(origin)
    {
        return Ok(Trust::Allowed);
    }
    let mut message = format!(
        "the catalog at {} was not loaded: it is on {origin}, which is neither this site ({site}) nor an origin this site's host allows.",
        shown(&address.href)
    );
    if origin.scheme == Scheme::Http
        && config.is_some_and(|c| {
            c.catalog_origins
                .iter()
                .any(|o| o.scheme == Scheme::Https && o.host == origin.host)
        })
    {
        message.push_str(&format!(
            " The host allows https://{}, but this link uses plain http.",
            origin.host
        ));
    }
    if let Some(problem) = config_problem {
        message.push_str(&format!(
            " The host's settings could not be used ({problem}), so only this site's own catalogs are allowed."
        ));
    }
    message.push_str(&format!(
        " If you run this site and trust {origin}, list it in {CONFIG_PATH}: {{\"catalogOrigins\": [\"{origin}\"]}} and add it to the Content-Security-Policy's connect-src."
    ));
    Err(message)
}

/// The name a catalog file gives itself (its `name`), cleaned for display.
pub fn catalog_name(text: &str) -> Option<String> {
    // The catalog reader's own type: no second JSON reader in the page's code.
    costshare_plan::from_json::<costshare_plan::CatalogFile>(text)
        .ok()
        .and_then(|c| display_name(&c.name))
}

/// The site's own origin from `location.origin`.
///
/// # Errors
///
/// When the page is not served over http(s) (for example from a `file:` address).
pub fn site_origin(location_origin: &str) -> Result<Origin, String> {
    parse_origin_prefix(location_origin)
        .map(|(o, _)| o)
        .map_err(|e| {
            format!("this page's own address cannot be used to check catalog addresses: {e}")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Origin {
        site_origin("https://benefits.example.com").unwrap()
    }

    fn config(origins: &[&str]) -> DeployConfig {
        DeployConfig {
            catalog_origins: origins.iter().map(|o| parse_origin(o).unwrap()).collect(),
        }
    }

    fn verdict(href: &str, allowed: &[&str]) -> Result<Trust, String> {
        let address = parse_address(href)?;
        check(&address, &site(), Some(&config(allowed)), None)
    }

    #[test]
    fn the_sites_own_origin_is_always_allowed() {
        assert_eq!(
            verdict("https://benefits.example.com/plans/2026.json", &[]),
            Ok(Trust::SameOrigin)
        );
        // Case and the default port do not make another origin.
        assert_eq!(
            verdict("HTTPS://Benefits.Example.COM:443/x.json", &[]),
            Ok(Trust::SameOrigin)
        );
        let none = check(
            &parse_address("https://benefits.example.com/c.json").unwrap(),
            &site(),
            None,
            Some("it is not valid JSON"),
        );
        assert_eq!(none, Ok(Trust::SameOrigin));
    }

    #[test]
    fn listed_origins_are_allowed_and_nothing_else() {
        let allowed = ["https://hr.example.org", "https://plans.example.net:8443/"];
        assert_eq!(
            verdict("https://hr.example.org/c.json?y=1#x", &allowed),
            Ok(Trust::Allowed)
        );
        assert_eq!(
            verdict("https://plans.example.net:8443/c.json", &allowed),
            Ok(Trust::Allowed)
        );
        for other in [
            "https://evil.example/c.json",
            "https://plans.example.net/c.json",  // another port
            "https://hr.example.org:444/c.json", // another port
            "https://sub.hr.example.org/c.json", // a subdomain is another origin
            "https://hr.example.org.evil.example/c", // suffix trick
            "https://example.org/c.json",        // the parent domain
        ] {
            let e = verdict(other, &allowed).unwrap_err();
            assert!(e.contains("was not loaded"), "{other}: {e}");
            assert!(e.contains(CONFIG_PATH), "{e}");
        }
    }

    #[test]
    fn a_rejection_names_the_origin_and_how_to_allow_it() {
        let e = verdict("https://evil.example:8443/plans.json", &[]).unwrap_err();
        assert_eq!(
            e,
            "the catalog at https://evil.example:8443/plans.json was not loaded: it is on \
             https://evil.example:8443, which is neither this site (https://benefits.example.com) \
             nor an origin this site's host allows. If you run this site and trust \
             https://evil.example:8443, list it in public/costshare.config.json: \
             {\"catalogOrigins\": [\"https://evil.example:8443\"]} and add it to the \
             Content-Security-Policy's connect-src."
        );
    }

    #[test]
    fn an_http_downgrade_is_refused_and_explained() {
        let e = verdict("http://hr.example.org/c.json", &["https://hr.example.org"]).unwrap_err();
        assert!(e.contains("it is on http://hr.example.org"), "{e}");
        assert!(e.contains("this link uses plain http"), "{e}");
        // The site's own host over http is another origin when the site is https.
        let e = verdict("http://benefits.example.com/c.json", &[]).unwrap_err();
        assert!(e.contains("was not loaded"), "{e}");
        // The file cannot allow plain http except on loopback hosts.
        assert!(
            parse_origin("http://hr.example.org")
                .unwrap_err()
                .contains("plain http")
        );
        assert!(parse_origin("http://127.0.0.1:9000").is_ok());
        assert!(parse_origin("http://localhost:9000").is_ok());
        assert!(parse_origin("http://[::1]:9000").is_ok());
        assert!(parse_origin("http://127.0.0.1.evil.example").is_err());
    }

    #[test]
    fn only_http_and_https_addresses() {
        for (bad, why) in [
            ("javascript:alert(1)", "only http and https"),
            ("JavaScript:alert(1)", "only http and https"),
            ("data:application/json,{}", "only http and https"),
            ("file:///etc/passwd", "only http and https"),
            ("blob:https://benefits.example.com/1", "only http and https"),
            ("ftp://benefits.example.com/c.json", "only http and https"),
            (
                "https:benefits.example.com/c.json",
                "not a full web address",
            ),
            ("//evil.example/c.json", "not a full web address"),
            ("c.json", "not a full web address"),
        ] {
            let e = parse_address(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn user_names_and_other_tricks_are_refused() {
        for (bad, why) in [
            ("https://benefits.example.com@evil.example/c.json", "\"@\""),
            (
                "https://benefits.example.com:pw@evil.example/c.json",
                "\"@\"",
            ),
            ("https://@benefits.example.com/c.json", "\"@\""),
            (
                "https://evil.example\\@benefits.example.com/c.json",
                "backslash",
            ),
            ("https://evil.example\\.benefits.example.com/", "backslash"),
            (
                "https://benefits.example.com%2eevil.example/",
                "contains \"%\"",
            ),
            ("https://benefits.example.com /c.json", "a space"),
            ("https://benefits.example.com\t/c.json", "control character"),
            (
                "https://evil\u{202e}moc.elpmaxe/c.json",
                "control character",
            ),
            ("https://benefits.example.com./c.json", "ends with a dot"),
            ("https://benefits..example.com/c.json", "empty label"),
            ("https://:443/c.json", "empty"),
            ("https:///c.json", "empty"),
            (
                "https://benefits.example.com:/c.json",
                "port after \":\" is empty",
            ),
            (
                "https://benefits.example.com:99999/c.json",
                "not between 1 and 65535",
            ),
            (
                "https://benefits.example.com:0/c.json",
                "not between 1 and 65535",
            ),
            (
                "https://benefits.example.com:+443/c.json",
                "not a port number",
            ),
            (
                "https://benefits.example.com:443:443/c.json",
                "contains \":\"",
            ),
            ("https://2130706433/c.json", "not a valid IPv4"),
            ("https://0177.0.0.1/c.json", "not a valid IPv4"),
            ("https://[::1/c.json", "missing its \"]\""),
            ("https://[evil.example]/c.json", "not an IPv6 address"),
            (
                "https://-evil.example/c.json",
                "starting or ending with \"-\"",
            ),
        ] {
            let e = parse_address(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn international_names_must_be_in_their_punycode_form() {
        // The page hands over the browser's parse, which is already in xn-- form.
        let e = parse_address("https://bücher.example/c.json").unwrap_err();
        assert!(e.contains("xn-- form"), "{e}");
        // A look-alike host in punycode is simply another origin.
        assert_eq!(
            verdict(
                "https://xn--bcher-kva.example/c.json",
                &["https://xn--bcher-kva.example"]
            ),
            Ok(Trust::Allowed)
        );
        // Cyrillic "е" in "ехample": another origin than the allowed one.
        assert!(
            verdict(
                "https://xn--hr-ehample-0ig.org/c.json",
                &["https://hr.example.org"]
            )
            .is_err()
        );
        assert!(
            parse_origin("https://bücher.example")
                .unwrap_err()
                .contains("xn-- form")
        );
    }

    #[test]
    fn the_deployment_file() {
        assert_eq!(parse_config("{}"), Ok(DeployConfig::default()));
        assert_eq!(
            parse_config(
                r#"{"catalogOrigins": ["https://HR.example.org/", "https://p.example.net:8443"]}"#
            )
            .unwrap()
            .catalog_origins
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
            ["https://hr.example.org", "https://p.example.net:8443"]
        );
        for (bad, why) in [
            ("", "not valid JSON"),
            ("{\"catalogOrigins\": [", "not valid JSON"),
            ("[]", "must be a JSON object"),
            (
                "{\"catalogOrigin\": []}",
                "catalogOrigin: unknown field `catalogOrigin`, expected `catalogOrigins`",
            ),
            (
                "{\"catalogOrigins\": \"https://a.example\"}",
                "catalogOrigins: invalid type: string",
            ),
            (
                "{\"catalogOrigins\": [7]}",
                "catalogOrigins[0]: invalid type: integer `7`, expected a string",
            ),
            (
                "{\"catalogOrigins\": [\"https://a.example/plans/\"]}",
                "catalogOrigins[0]: \"https://a.example/plans/\" is an address, not an origin",
            ),
            (
                "{\"catalogOrigins\": [\"https://a.example\", \"http://b.example\"]}",
                "catalogOrigins[1]: \"http://b.example\" uses plain http",
            ),
            (
                "{\"catalogOrigins\": [\"*\"]}",
                "catalogOrigins[0]: \"*\" is not a full web address",
            ),
            (
                "{\"catalogOrigins\": [\"https://*.example\"]}",
                "contains \"*\"",
            ),
            (
                "{\"catalogOrigins\": [\"https://a.example@b.example\"]}",
                "\"@\"",
            ),
        ] {
            let e = parse_config(bad).unwrap_err();
            assert!(e.starts_with(CONFIG_PATH), "{bad}: {e}");
            assert!(e.contains(why), "{bad}: {e}");
        }
        let many = format!(
            "{{\"catalogOrigins\": [{}]}}",
            vec!["\"https://a.example\""; MAX_ORIGINS + 1].join(",")
        );
        assert!(parse_config(&many).unwrap_err().contains("at most 100"));
        let huge = format!(
            "{{\"catalogOrigins\": [], \"x\": \"{}\"}}",
            "a".repeat(MAX_CONFIG_BYTES)
        );
        assert!(
            parse_config(&huge)
                .unwrap_err()
                .contains("larger than 64 KB")
        );
    }

    #[test]
    fn a_broken_deployment_file_is_named_in_the_message() {
        let address = parse_address("https://hr.example.org/c.json").unwrap();
        let e = check(
            &address,
            &site(),
            None,
            Some("public/costshare.config.json is not valid JSON"),
        )
        .unwrap_err();
        assert!(e.contains("The host's settings could not be used (public/costshare.config.json is not valid JSON), so only this site's own catalogs are allowed."), "{e}");
    }

    #[test]
    fn the_sites_origin_comes_from_location() {
        assert_eq!(
            site_origin("http://127.0.0.1:8080").unwrap().to_string(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            site_origin("https://a.example:443").unwrap().to_string(),
            "https://a.example"
        );
        assert!(site_origin("null").is_err());
        assert!(site_origin("file://").is_err());
    }

    #[test]
    fn a_catalog_names_itself() {
        assert_eq!(
            catalog_name(r#"{"schema_version": 1, "name": "Acme\u202e 2026", "plans": []}"#),
            Some("Acme 2026".into())
        );
        assert_eq!(
            catalog_name(r#"{"schema_version": 1, "name": " ", "plans": []}"#),
            None
        );
        assert_eq!(catalog_name("not json"), None);
    }

    mod generated {
        use super::super::*;
        use proptest::prelude::*;

        /// Pieces hostile addresses are made of.
        fn address() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "https://",
                "http://",
                "HTTPS://",
                "javascript:",
                "data:",
                "//",
                "/",
                "\\",
                "@",
                ":",
                ":443",
                ":8080",
                ":99999",
                ".",
                "..",
                "-",
                "[",
                "]",
                "::1",
                "%2e",
                "?",
                "#",
                " ",
                "\t",
                "\u{202e}",
                "ü",
                "xn--",
                "benefits",
                "example",
                "com",
                "127.0.0.1",
                "localhost",
                "0177",
                "a",
                "é",
                "\u{0}",
            ]);
            prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

            /// Never a panic; whatever is accepted is a plain origin that reads back the same,
            /// and a message never carries a raw control character.
            #[test]
            fn hostile_addresses_never_panic(text in address(), any in ".{0,40}") {
                for t in [text.as_str(), any.as_str()] {
                    match parse_address(t) {
                        Ok(a) => {
                            let shown = a.origin.to_string();
                            let prefix = format!("{}://", a.origin.scheme().as_str());
                            let starts = t.to_ascii_lowercase().starts_with(&prefix);
                            prop_assert!(starts, "{} does not start with {}", t, prefix);
                            prop_assert!(shown.chars().all(|c| c.is_ascii_alphanumeric() || ".-:/[]".contains(c)), "{}", shown);
                            let (again, _) = parse_origin_prefix(&shown).unwrap();
                            prop_assert_eq!(again, a.origin);
                        }
                        Err(e) => prop_assert!(!e.chars().any(|c| c.is_control() && c != '\n'), "{:?}", e),
                    }
                    let _ = parse_origin(t);
                    let _ = parse_config(t);
                    let _ = parse_config(&format!("{{\"catalogOrigins\": [{:?}]}}", t));
                    let _ = display_name(t);
                }
            }
        }
    }

    #[test]
    fn long_or_odd_text_is_shown_safely() {
        assert!(
            parse_address(&format!("https://a.example/{}", "x".repeat(3000)))
                .unwrap_err()
                .contains("longer than 2048")
        );
        assert_eq!(shown("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(shown(&"y".repeat(300)).chars().count(), 201);
        assert_eq!(
            display_name("  Acme\u{202e}  Benefits\n2026 "),
            Some("Acme Benefits 2026".into())
        );
        assert_eq!(display_name("\u{200f}\t"), None);
        assert_eq!(display_name(&"n".repeat(500)).unwrap().chars().count(), 121);
    }
}
