//! `ecs-sim`: the playground's core on the command line.
//!
//! This is the only crate that reads files and prints. Exit codes: 0 success, 1 the input is
//! invalid (or, for `run`, has errors), 2 a file could not be read or the command line is wrong.

/// Like `print!`, but a closed standard output (`ecs-sim run … | head`) ends the program quietly
/// instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// Like `println!`, with the same handling of a closed standard output as [`out!`].
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod run;
mod validate;

const USAGE: &str = "\
ecs-sim: the ECS Placement Playground's scheduler on the command line

USAGE:
    ecs-sim validate [--format json] FILE...
    ecs-sim run SCENARIO.json [--format json]
    ecs-sim explain SCENARIO.json --task N [--format json]

validate  checks task definitions, services, RunTask requests and container instances as AWS would
run       places the scenario's services and RunTask requests and prints tasks, failures and events
explain   explains why task N (as numbered by `run`) was placed where it was";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("validate") => validate::main(&args[1..]),
        Some("run") => run::run(&args[1..]),
        Some("explain") => run::explain(&args[1..]),
        Some("-h" | "--help" | "help") => {
            outln!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    std::process::exit(code);
}
