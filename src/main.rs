//! The `turnstream` binary: parse arguments, set up logging, run the library,
//! map the outcome to an exit status (0 ok, 1 usage/config error, 2 some input
//! failed). Everything else lives in the library (`src/lib.rs`).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use turnstream::cli::{Cli, Command, SCHEMA_JSON};
use turnstream::config::{Config, Rules};
use turnstream::enrich::{Enricher, Steps};
use turnstream::pipeline::{self, Context};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            let code = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
                _ => 1,
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    init_logging(&cli);
    if let Some(cmd) = &cli.command {
        return match cmd {
            Command::Schema => {
                print!("{SCHEMA_JSON}");
                ExitCode::SUCCESS
            }
        };
    }
    let run = &cli.run;
    let cfg = match Config::load(run.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("turnstream: {e}");
            return ExitCode::from(1);
        }
    };
    if run.print_config {
        print!("{}", cfg.to_toml());
        return ExitCode::SUCCESS;
    }
    let steps = match Steps::parse(&run.enrich) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("turnstream: --enrich: {e}");
            return ExitCode::from(1);
        }
    };
    let stdout_is_pipe = !std::io::stdout().is_terminal();
    let mut opts = match run.options(stdout_is_pipe) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("turnstream: {e}");
            return ExitCode::from(1);
        }
    };
    // a progress bar only for a person watching a terminal
    opts.progress =
        (run.progress || std::io::stderr().is_terminal()) && !run.no_progress && !cli.quiet;
    let rules = Arc::new(Rules::new(&cfg));
    let ctx = Arc::new(Context::new(
        rules.clone(),
        Arc::new(Enricher::new(rules, steps)),
    ));
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .max(2),
        )
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("turnstream: cannot start runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = rt.block_on(pipeline::run(opts, ctx));
    match result {
        Ok(summary) => {
            if cli.verbose > 0 && !cli.quiet {
                eprintln!("turnstream: {}", summary.one_line());
            }
            if summary.has_failures() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("turnstream: {e}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(cli: &Cli) {
    use tracing_subscriber::EnvFilter;
    let default = if cli.quiet {
        "error"
    } else {
        match cli.verbose {
            0 | 1 => "warn",
            2 => "debug",
            _ => "trace",
        }
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
