//! `patgate`: find leaked tokens in files, git's staged changes or stdin; generate, digest and
//! check tokens; get a token for git (a credential helper) or any tool by device approval. Never
//! prints a token it found; exit 1 when it finds one, 0 when none, 2 on error.

mod credential;
mod device;

use patgate::{
    scan::{Found, Scanner},
    token::{self, Prefix},
    Digest,
};
use std::{
    io::{self, BufWriter, Read, Write},
    path::Path,
    process::{Command, ExitCode},
};

const USAGE: &str = "\
usage: patgate scan [--format text|json] [--prefix P]... [--github] [--no-basic] [PATH...|-]
       patgate scan --staged [--format text|json] [--prefix P]... [--github] [--no-basic]
       patgate generate [--prefix P] [--json]
       patgate digest [--prefix P]          (the token on stdin; prints what the portal sends)
       patgate check [--prefix P]           (the token on stdin)
       patgate token --url URL [--scope S] [--name N]
       patgate credential get|store|erase   (git's credential helper: git-credential-patgate)
       patgate --version | --help           (any command takes --help too)

scan   finds well-formed tokens with a valid checksum (default prefix: pat) in files and
       directories (recursively; .gitignore respected; a binary file, one with a NUL byte in
       its first 8 KiB, is skipped and named on stderr), '-' for stdin, or
       with --staged in what git is about to commit. Prints path:line:column, prefix and the
       token's last four characters, never the token. Exit 1 when a token is found, 0 when none.
       Tokens inside Basic credentials are found too, unless --no-basic.
digest and check read the token from stdin, never from the command line (where the shell's
history and `ps` would show it): `read -rs PAT; printf %s \"$PAT\" | patgate check`.
Accepted tokens: a file .patgateignore where the scan runs (for --staged, the repository's top)
lists what is not reported, one entry a line, each with its reason: a token's digest (as
`patgate digest` prints it) or a path (a folder ends in /), then the reason. '#' starts a comment.
    imOYr2D0G4C2xcQWcCBiU6z0K4PNDZ-rCJull_nZ-z8  a made-up token in the parser's tests
    tests/fixtures/  example configurations, every token in them made up
token  gets a token for a tool by device approval: made here, asked for with its digest, approved
       by you in the portal (the URL and code are printed on stderr), then printed on stdout, for
       `TOKEN=$(patgate token --url https://host/org)`; never on a command line. The organization
       is the URL's first path segment (none: you choose at approval); the scope vso.code_write.
credential is git's helper: `git config --global credential.https://host.helper patgate`, after
       a storage helper (cache, store, libsecret, osxkeychain) so the next command needs no request.
Exit status 2 means an error.";

/// The file of accepted tokens and paths, where the scan runs.
const IGNORE_FILE: &str = ".patgateignore";

/// Bytes looked at to tell a binary file (one with a NUL byte), as git and ripgrep do.
const BINARY_SNIFF: usize = 8192;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // --help anywhere (before a `--`) is a question, not an option: the usage, and exit 0.
    if args.iter().take_while(|a| *a != "--").any(|a| a == "--help" || a == "-h") || args.first().map(String::as_str) == Some("help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = match args.first().map(String::as_str) {
        Some("--version" | "-V") => {
            println!("patgate {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        Some("scan") => scan(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("digest") => digest(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("token") => token_for_tool(&args[1..]),
        Some("credential") => Ok(credential::run(args.get(1).map_or("", String::as_str))),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("patgate: {message}");
            ExitCode::from(2)
        }
    }
}

/// Options and operands of one command.
struct Args {
    prefixes: Vec<Prefix>,
    github: bool,
    json: bool,
    staged: bool,
    no_basic: bool,
    operands: Vec<String>,
}

fn parse(args: &[String], allowed: &[&str]) -> Result<Args, String> {
    let mut out = Args { prefixes: Vec::new(), github: false, json: false, staged: false, no_basic: false, operands: Vec::new() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let name = arg.split_once('=').map_or(arg.as_str(), |(n, _)| n);
        if !name.starts_with("--") || arg == "--" {
            out.operands.push(arg.clone());
            continue;
        }
        if !allowed.contains(&name) {
            return Err(format!("unknown option {name}\n{USAGE}"));
        }
        let mut value = || arg.split_once('=').map(|(_, v)| v.to_owned()).or_else(|| it.next().cloned()).ok_or(format!("{name} needs a value"));
        match name {
            "--prefix" => out.prefixes.push(Prefix::new(&value()?).map_err(|e| e.to_string())?),
            "--format" => {
                out.json = match value()?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => return Err(format!("--format must be text or json, not {other}")),
                }
            }
            "--json" => out.json = true,
            "--github" => out.github = true,
            "--staged" => out.staged = true,
            "--no-basic" => out.no_basic = true,
            _ => unreachable!("every allowed option is matched"),
        }
    }
    Ok(out)
}

fn one_prefix(a: &Args) -> Result<Prefix, String> {
    match a.prefixes.as_slice() {
        [] => Ok(Prefix::default()),
        [p] => Ok(p.clone()),
        _ => Err("give one --prefix".to_owned()),
    }
}

// ---- scan ----------------------------------------------------------------------------------

/// Where results go, what was found (each finding's digest), and what is accepted.
struct Report<W: Write> {
    out: W,
    json: bool,
    found: Vec<Digest>,
    errors: bool,
    ignored: Ignored,
}

/// What .patgateignore accepts: digests of tokens, and paths (a folder's ends in `/`).
#[derive(Default)]
struct Ignored {
    digests: Vec<Digest>,
    paths: Vec<String>,
}

impl Ignored {
    /// Reads `.patgateignore` in the current folder, if there is one; an entry without a reason
    /// is an error naming its line.
    fn load() -> Result<Ignored, String> {
        let text = match std::fs::read_to_string(IGNORE_FILE) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Ignored::default()),
            Err(e) => return Err(format!("{IGNORE_FILE}: {e}")),
        };
        let mut ignored = Ignored::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (entry, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            if reason.trim().is_empty() {
                return Err(format!("{IGNORE_FILE}:{}: give the reason after the digest or path", n + 1));
            }
            match Digest::from_base64url(entry) {
                Ok(d) => ignored.digests.push(d),
                Err(_) => ignored.paths.push(entry.trim_start_matches("./").to_owned()),
            }
        }
        Ok(ignored)
    }

    fn path(&self, path: &str) -> bool {
        let path = path.trim_start_matches("./");
        self.paths.iter().any(|p| if p.ends_with('/') { path.starts_with(p.as_str()) } else { path == p })
    }
}

impl<W: Write> Report<W> {
    fn text(&mut self, scanner: &Scanner, path: &str, bytes: &[u8]) -> io::Result<()> {
        if self.ignored.path(path) {
            return Ok(());
        }
        if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
            // Said, not silent: a token in a binary file is not looked for.
            eprintln!("patgate: {path}: skipped: a binary file (a NUL byte in its first 8 KiB)");
            return Ok(());
        }
        for f in scanner.scan(bytes) {
            let digest = f.digest();
            if self.ignored.digests.iter().any(|d| d.ct_eq(&digest)) {
                continue;
            }
            self.found.push(digest);
            self.line(scanner, path, &f)?;
        }
        Ok(())
    }

    fn line(&mut self, scanner: &Scanner, path: &str, f: &Found) -> io::Result<()> {
        let prefix = scanner.prefixes()[f.prefix].as_str();
        if self.json {
            let o = serde_json::json!({
                "path": path, "line": f.line, "column": f.column, "offset": f.offset, "length": f.length, "prefix": prefix,
                "hint": f.hint(), "digest": f.digest().to_base64url(), "encoding": f.encoding.as_str(),
            });
            writeln!(self.out, "{o}")
        } else {
            let inside = if f.encoding == patgate::scan::Encoding::Basic { " (inside a Basic credential)" } else { "" };
            writeln!(self.out, "{path}:{}:{}: {prefix} token …{}{inside}", f.line, f.column, f.hint())
        }
    }

    fn error(&mut self, what: &str, e: impl std::fmt::Display) {
        self.errors = true;
        eprintln!("patgate: {what}: {e}");
    }
}

fn scanner_for(a: &Args) -> Result<Scanner, String> {
    let mut prefixes = if a.prefixes.is_empty() { vec![Prefix::default()] } else { a.prefixes.clone() };
    if a.github {
        prefixes.extend(Scanner::github_prefixes().filter(|g| !a.prefixes.contains(g)).collect::<Vec<_>>());
    }
    let scanner = Scanner::new(&prefixes).map_err(|e| e.to_string())?;
    Ok(if a.no_basic { scanner.without_basic() } else { scanner })
}

fn scan(args: &[String]) -> Result<u8, String> {
    let a = parse(args, &["--format", "--prefix", "--github", "--staged", "--no-basic"])?;
    let scanner = scanner_for(&a)?;
    let stdout = io::stdout();
    let mut report = Report { out: BufWriter::new(stdout.lock()), json: a.json, found: Vec::new(), errors: false, ignored: Ignored::load()? };
    let written = if a.staged {
        if !a.operands.is_empty() {
            return Err("--staged scans what git would commit: give no paths".to_owned());
        }
        staged(&scanner, &mut report)
    } else {
        let operands = if a.operands.is_empty() { vec![".".to_owned()] } else { a.operands.clone() };
        operands.iter().try_for_each(|p| operand(&scanner, &mut report, p))
    };
    written.and_then(|()| report.out.flush()).map_err(|e| format!("writing the report: {e}"))?;
    if !report.found.is_empty() && !a.json {
        advise(&report.found);
    }
    Ok(if report.errors { 2 } else if !report.found.is_empty() { 1 } else { 0 })
}

/// What to do next, on stderr (where git shows a hook's words): a found token is a leaked one.
fn advise(found: &[Digest]) {
    let n = found.len();
    eprintln!(
        "patgate: {n} token{} found. Each may already have been copied from wherever it went:\n\
         \x20 1. revoke it (in the portal, or ask your administrator), even if it never left this machine;\n\
         \x20 2. remove it from the file (a secret store or an environment variable holds it instead);\n\
         \x20 3. commit again.\n\
         A made-up token (a test fixture) is accepted by adding its digest and a reason to {IGNORE_FILE}:",
        if n == 1 { "" } else { "s" }
    );
    for d in found {
        eprintln!("  {}  <why this token is not a secret>", d.to_base64url());
    }
}

fn operand<W: Write>(scanner: &Scanner, report: &mut Report<W>, path: &str) -> io::Result<()> {
    if path == "-" {
        let mut bytes = Vec::new();
        return match io::stdin().lock().read_to_end(&mut bytes) {
            Ok(_) => report.text(scanner, "-", &bytes),
            Err(e) => {
                report.error("stdin", e);
                Ok(())
            }
        };
    }
    if !Path::new(path).exists() {
        report.error(path, "no such file or directory");
        return Ok(());
    }
    // Hidden files such as .env are where tokens leak most: walk them too, but never .git.
    let walk = ignore::WalkBuilder::new(path).hidden(false).filter_entry(|e| e.file_name() != ".git").build();
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                let shown = e.path().to_string_lossy().into_owned();
                match contents(e.path()) {
                    Ok(bytes) => report.text(scanner, &shown, &bytes)?,
                    Err(err) => report.error(&shown, err),
                }
            }
            Ok(_) => {}
            Err(err) => report.error(path, err),
        }
    }
    Ok(())
}

/// A file's bytes: large files are mapped rather than copied (as ripgrep does), small ones read.
enum Contents {
    Read(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Contents {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Contents::Read(v) => v,
            Contents::Mapped(m) => m,
        }
    }
}

/// Files from this size on are mapped: below it, reading is as fast and needs no mapping.
const MAP_FROM: u64 = 1 << 20;

fn contents(path: &Path) -> io::Result<Contents> {
    let mut file = std::fs::File::open(path)?;
    if file.metadata()?.len() >= MAP_FROM {
        // SAFETY: the mapping is only read, and dropped before this file is scanned again. A file
        // truncated by another process while it is scanned can end the process with SIGBUS, the
        // risk ripgrep also takes for the same speed.
        return unsafe { memmap2::Mmap::map(&file) }.map(Contents::Mapped);
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(Contents::Read(bytes))
}

/// Scans the index's version of each added, copied, modified or renamed file: what the commit
/// will hold, not the working tree.
fn staged<W: Write>(scanner: &Scanner, report: &mut Report<W>) -> io::Result<()> {
    let listed = match Command::new("git").args(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"]).output() {
        Ok(o) if o.status.success() => o.stdout,
        Ok(o) => {
            report.error("git diff --cached", String::from_utf8_lossy(&o.stderr).trim());
            return Ok(());
        }
        Err(e) => {
            report.error("git", e);
            return Ok(());
        }
    };
    for name in listed.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        match Command::new("git").arg("show").arg(format!(":{name}")).output() {
            Ok(o) if o.status.success() => report.text(scanner, &name, &o.stdout)?,
            Ok(o) => report.error(&name, String::from_utf8_lossy(&o.stderr).trim()),
            Err(e) => report.error(&name, e),
        }
    }
    Ok(())
}

// ---- generate, digest, check ------------------------------------------------------------------

fn generate(args: &[String]) -> Result<u8, String> {
    let a = parse(args, &["--prefix", "--json"])?;
    if !a.operands.is_empty() {
        return Err("generate takes no operands".to_owned());
    }
    let g = token::generate(&one_prefix(&a)?).map_err(|e| e.to_string())?;
    if a.json {
        let o = serde_json::json!({ "token": g.token.expose(), "digest": g.digest.to_base64url(), "hint": g.hint });
        println!("{o}");
    } else {
        println!("{}", g.token.expose());
    }
    Ok(0)
}

/// A token from the first line of stdin.
fn token_from_stdin() -> Result<patgate::Secret, String> {
    let mut line = String::new();
    io::stdin().read_line(&mut line).map_err(|e| format!("reading stdin: {e}"))?;
    Ok(patgate::Secret::new(line.trim_end_matches(['\r', '\n']).to_owned()))
}

fn digest(args: &[String]) -> Result<u8, String> {
    let a = parse(args, &["--prefix"])?;
    if !a.operands.is_empty() {
        return Err("digest reads the token from stdin, never from the command line".to_owned());
    }
    let t = token_from_stdin()?;
    token::check(t.expose(), &one_prefix(&a)?).map_err(|e| e.message().to_owned())?;
    println!("{}", Digest::of(t.expose()).to_base64url());
    Ok(0)
}

fn check(args: &[String]) -> Result<u8, String> {
    let a = parse(args, &["--prefix"])?;
    let t = match a.operands.as_slice() {
        [] => token_from_stdin()?,
        [dash] if dash == "-" => token_from_stdin()?,
        _ => return Err("check reads the token from stdin, never from the command line (the shell's history and `ps` would show it): read -rs PAT; printf %s \"$PAT\" | patgate check".to_owned()),
    };
    match token::check(t.expose(), &one_prefix(&a)?) {
        Ok(()) => {
            println!("valid: well-formed, checksum matches (…{})", t.hint());
            Ok(0)
        }
        Err(e) => {
            println!("invalid ({}): {}", e.code(), e.message());
            Ok(1)
        }
    }
}

/// `patgate token --url URL [--scope S] [--name N]`: device approval, the token on stdout.
fn token_for_tool(args: &[String]) -> Result<u8, String> {
    let mut url = None;
    let mut scope = "vso.code_write".to_owned();
    let mut name = format!("patgate token: on {}", device::machine_name());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = |v: Option<&String>| v.cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--url" => url = Some(value(rest.next())?),
            "--scope" => scope = value(rest.next())?,
            "--name" => name = value(rest.next())?,
            other => return Err(format!("token: unknown option {other:?} (see --help)")),
        }
    }
    let url = url.ok_or("token needs --url, the deployment (https://host, or https://host/organization)")?;
    let (scheme, rest) = url.split_once("://").ok_or("--url must start with https:// (or http://)")?;
    if scheme != "https" && scheme != "http" {
        return Err("--url must start with https:// (or http://)".to_owned());
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let base = format!("{scheme}://{host}");
    let organization = path.split('/').next().filter(|s| !s.is_empty()).map(str::to_ascii_lowercase);
    let ask = device::Ask { base: &base, name: &name, scope: &scope, organization: organization.as_deref() };
    match device::obtain(&ask, &mut |line| eprintln!("{line}")) {
        Ok(issued) => {
            println!("{}", issued.token.expose());
            Ok(0)
        }
        Err(device::Refused::NotPatgate) => Err(format!("{base} does not answer device approval: is it a patgate deployment?")),
        Err(device::Refused::Said(why)) => Err(format!("no token: {why}")),
    }
}
