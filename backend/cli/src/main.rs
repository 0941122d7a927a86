//! The `sent` binary; everything is in the library.

fn main() -> std::process::ExitCode {
    sent_cli::main()
}
