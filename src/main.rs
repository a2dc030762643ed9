//! The `vanban` command.

fn main() -> std::process::ExitCode {
    vanban::cli::run()
}
