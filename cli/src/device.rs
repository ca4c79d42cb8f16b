//! A token without copy and paste, from the tool's side of device approval: the token is made
//! here, by the core; the deployment is asked for it with its digest (never the token); the user
//! is shown where to approve it and the code; then the deployment is polled, as RFC 8628 says,
//! until the request is approved (the token's record comes back, never a secret), denied or
//! expired. Messages go to the terminal (`tell`); the token only to the caller.

use patgate::{
    token::{self, Prefix},
    Secret,
};
use serde_json::{json, Value};
use std::{
    thread::sleep,
    time::{Duration, Instant},
};

/// What the tool asks for.
pub struct Ask<'a> {
    /// The deployment's origin, `https://host[:port]`.
    pub base: &'a str,
    pub name: &'a str,
    pub scope: &'a str,
    /// `None`: the approver chooses.
    pub organization: Option<&'a str>,
}

/// An approved token: the secret made here, and the end the deployment gave it.
pub struct Issued {
    pub token: Secret,
    /// Seconds since the epoch (git's `password_expiry_utc`).
    pub expires: i64,
}

/// Why no token came: said to the user as is.
pub enum Refused {
    /// The deployment does not do device approval (or is not a patgate deployment).
    NotPatgate,
    /// Denied, expired, or refused as asked: the deployment's words.
    Said(String),
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(Duration::from_secs(30)).user_agent(concat!("patgate/", env!("CARGO_PKG_VERSION"), " (device approval)")).build()
}

/// Posts JSON; the status and the JSON answer (null when it is not JSON).
fn post(agent: &ureq::Agent, url: &str, body: &Value) -> Result<(u16, Value), String> {
    let response = match agent.post(url).set("content-type", "application/json").set("accept", "application/json").send_string(&body.to_string()) {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => return Err(format!("could not reach {url}: {e}")),
    };
    let status = response.status();
    let text = response.into_string().unwrap_or_default();
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

/// The name a tool's token goes by on this machine: `git: on <host name>`, as Azure DevOps'
/// Git Credential Manager names its tokens.
pub fn machine_name() -> String {
    let from_file = std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    let from_env = std::env::var("COMPUTERNAME").or_else(|_| std::env::var("HOSTNAME")).ok();
    let from_command = || std::process::Command::new("hostname").output().ok().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    let name = from_file.or(from_env).or_else(from_command).unwrap_or_default();
    let name = name.trim();
    if name.is_empty() {
        "this machine".to_owned()
    } else {
        name.chars().take(64).collect()
    }
}

/// Makes a token, asks for it, tells the user where to approve it, and waits for the answer.
pub fn obtain(ask: &Ask, tell: &mut dyn FnMut(&str)) -> Result<Issued, Refused> {
    let made = token::generate(&Prefix::default()).map_err(|e| Refused::Said(e.to_string()))?;
    let agent = agent();
    let mut body = json!({ "digest": made.digest.to_base64url(), "hint": made.hint, "displayName": ask.name, "scope": ask.scope });
    if let Some(org) = ask.organization {
        body["organization"] = json!(org);
    }
    let (status, grant) = post(&agent, &format!("{}/_apis/tokens/requests", ask.base), &body).map_err(Refused::Said)?;
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let (Some(device_code), Some(user_code), Some(uri)) = (text(&grant, "device_code"), text(&grant, "user_code"), text(&grant, "verification_uri")) else {
        // A patgate deployment answers a refused request with its reason; anything else is not one.
        return Err(match (status, text(&grant, "message")) {
            (400..=499, Some(message)) if status != 404 && status != 405 => Refused::Said(message),
            _ => Refused::NotPatgate,
        });
    };
    let complete = text(&grant, "verification_uri_complete").unwrap_or_else(|| uri.clone());
    let lifetime = grant.get("expires_in").and_then(Value::as_u64).unwrap_or(900);
    let mut interval = grant.get("interval").and_then(Value::as_u64).unwrap_or(5).max(1);
    tell(&format!("patgate: to give this tool the token {:?}, open {uri} and enter the code {user_code}", ask.name));
    tell(&format!("patgate: (or open {complete}); waiting up to {} minutes", lifetime.div_ceil(60)));
    let deadline = Instant::now() + Duration::from_secs(lifetime);
    let poll_url = format!("{}/_apis/tokens/requests/token", ask.base);
    loop {
        sleep(Duration::from_secs(interval));
        let (status, answer) = match post(&agent, &poll_url, &json!({ "device_code": device_code })) {
            Ok(a) => a,
            // The network failed for a moment: try again at the next interval, until the deadline.
            Err(_) if Instant::now() < deadline => continue,
            Err(e) => return Err(Refused::Said(e)),
        };
        if status == 200 {
            let expires = text(&answer, "validTo").and_then(|t| parse_iso_seconds(&t)).unwrap_or(0);
            tell("patgate: approved.");
            return Ok(Issued { token: made.token, expires });
        }
        match text(&answer, "error").as_deref() {
            Some("authorization_pending") => {}
            // RFC 8628 §3.5: five seconds more between polls from now on.
            Some("slow_down") => interval += 5,
            Some("access_denied") => return Err(Refused::Said("the request was denied".to_owned())),
            Some("expired_token") => return Err(Refused::Said("the request expired before it was approved; run the command again to start a new one".to_owned())),
            _ => return Err(Refused::Said(text(&answer, "error_description").or_else(|| text(&answer, "message")).unwrap_or_else(|| format!("the deployment answered {status}")))),
        }
        if Instant::now() >= deadline {
            return Err(Refused::Said("the request expired before it was approved; run the command again to start a new one".to_owned()));
        }
    }
}

/// Seconds since the epoch of an ISO 8601 instant in UTC (`2026-12-07T10:00:00.000Z`, as the
/// API writes them).
fn parse_iso_seconds(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<i64>().ok());
    if b.len() < 20 || b.get(10) != Some(&b'T') || !text.ends_with('Z') {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::parse_iso_seconds;

    #[test]
    fn iso_instants_as_git_wants_them() {
        // Against `date -u -d … +%s`.
        assert_eq!(parse_iso_seconds("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(parse_iso_seconds("2026-12-07T10:00:00.000Z"), Some(1_796_637_600));
        assert_eq!(parse_iso_seconds("2024-02-29T23:59:59Z"), Some(1_709_251_199));
        assert_eq!(parse_iso_seconds("2026-12-07 10:00:00"), None);
    }
}
