//! The `kansli` command: parse the command line, run, exit with 0, 1 or 2.

use std::process::ExitCode;

fn main() -> ExitCode {
    kansli::cli::main()
}
