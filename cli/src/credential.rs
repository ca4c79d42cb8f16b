//! git's credential helper protocol (gitcredentials(7)): `get` answers git with a token obtained
//! by device approval; storing it is left to git's own helpers listed before this one (`cache`,
//! `store`, `libsecret`, `osxkeychain`), so the next command needs no request; `erase` (git's
//! answer to a refused token: revoked, expired) has nothing of this helper's to erase, and the
//! next `get` starts a new request. Messages go to stderr, git's terminal; only git reads stdout.

use crate::device::{self, Ask, Refused};
use std::{
    io::{self, BufRead, Write},
    process::Command,
};

/// The scope asked for when git config names none (`patgate.scope`, per URL).
const DEFAULT_SCOPE: &str = "vso.code_write";

/// The attributes git sent, up to the blank line that ends them (at most 64 KiB read).
fn attributes(input: impl BufRead) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in input.take(64 * 1024).lines().map_while(Result::ok) {
        if line.is_empty() {
            break;
        }
        if let Some((key, value)) = line.split_once('=') {
            out.push((key.to_owned(), value.to_owned()));
        }
    }
    out
}

/// The organization of a repository URL's path (`fabrikam/demo/_git/demo`): its first segment,
/// as Azure DevOps' URLs have it; none when git sent no path (`credential.useHttpPath` off).
fn organization_of(path: Option<&str>) -> Option<String> {
    let first = path?.trim_start_matches('/').split('/').next()?;
    (!first.is_empty() && !first.starts_with('_')).then(|| first.to_ascii_lowercase())
}

/// `git config --get-urlmatch patgate.<key> <url>`: the user's setting for this URL, if any.
fn config(key: &str, url: &str) -> Option<String> {
    let out = Command::new("git").args(["config", "--get-urlmatch", &format!("patgate.{key}"), url]).output().ok()?;
    let value = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !value.is_empty()).then_some(value)
}

/// Runs one helper action; the exit status.
pub fn run(action: &str) -> u8 {
    let stdin = io::stdin();
    let attrs = attributes(stdin.lock());
    let get = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    match action {
        "get" => {}
        "store" => return 0,
        "erase" => {
            if get("password").is_some() {
                eprintln!("patgate: the server refused the token (revoked or expired); the next git command asks for a new one");
            }
            return 0;
        }
        _ => {
            eprintln!("patgate: a credential helper answers get, store or erase");
            return 2;
        }
    }
    let (Some(protocol), Some(host)) = (get("protocol"), get("host")) else { return 0 };
    if protocol != "https" && protocol != "http" {
        return 0;
    }
    let base = format!("{protocol}://{host}");
    let url = format!("{base}/{}", get("path").unwrap_or_default());
    let organization = organization_of(get("path"));
    let scope = config("scope", &url).unwrap_or_else(|| DEFAULT_SCOPE.to_owned());
    let name = format!("git: on {}", device::machine_name());
    let ask = Ask { base: &base, name: &name, scope: &scope, organization: organization.as_deref() };
    let mut stdout = io::stdout().lock();
    match device::obtain(&ask, &mut |line| eprintln!("{line}")) {
        Ok(issued) => {
            let username = get("username").unwrap_or("patgate");
            // Written once, and nowhere else: git reads it from this pipe.
            let _ = write!(stdout, "username={username}\npassword={}\n", issued.token.expose());
            if issued.expires > 0 {
                let _ = writeln!(stdout, "password_expiry_utc={}", issued.expires);
            }
            0
        }
        // Not a patgate deployment: say nothing, and git asks its other helpers or the user.
        Err(Refused::NotPatgate) => 0,
        Err(Refused::Said(why)) => {
            eprintln!("patgate: no token: {why}");
            // git stops here instead of prompting for a password the user does not have.
            let _ = writeln!(stdout, "quit=1");
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_end_at_the_blank_line() {
        let input = "protocol=https\nhost=example.com:8443\npath=fabrikam/demo/_git/demo\n\nignored=1\n";
        let a = attributes(input.as_bytes());
        assert_eq!(a, [("protocol".into(), "https".into()), ("host".into(), "example.com:8443".into()), ("path".into(), "fabrikam/demo/_git/demo".into())]);
    }

    #[test]
    fn the_organization_is_the_paths_first_segment() {
        assert_eq!(organization_of(Some("fabrikam/demo/_git/demo")), Some("fabrikam".into()));
        assert_eq!(organization_of(Some("Fabrikam/_git/demo")), Some("fabrikam".into()));
        assert_eq!(organization_of(Some("_git/demo")), None);
        assert_eq!(organization_of(Some("")), None);
        assert_eq!(organization_of(None), None);
    }
}
