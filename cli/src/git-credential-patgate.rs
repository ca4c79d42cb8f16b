//! `git-credential-patgate`: what git runs for `credential.helper = patgate` (see
//! credential.rs). `patgate credential <action>` is the same helper.

mod credential;
mod device;

fn main() -> std::process::ExitCode {
    let action = std::env::args().nth(1).unwrap_or_default();
    std::process::ExitCode::from(credential::run(&action))
}
