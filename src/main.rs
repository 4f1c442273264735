//! The `turnstream` binary: parse arguments, set up logging, run the library,
//! map the outcome to an exit status (0 ok, 1 usage/config error, 2 some input
//! failed). Everything else lives in the library (`src/lib.rs`).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use std::io::Write;

use turnstream::cli::{Cli, Command, SCHEMA_JSON, TagConllArgs, TrainNerArgs};
use turnstream::config::{Config, Rules};
use turnstream::enrich::entities::{self, conll, gazetteer::Gazetteer};
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
            Command::TrainNer(a) => match train_ner(a) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("turnstream train-ner: {e}");
                    ExitCode::from(1)
                }
            },
            Command::TagConll(a) => match tag_conll(a) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("turnstream tag-conll: {e}");
                    ExitCode::from(1)
                }
            },
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
    let opts = match run.options(stdout_is_pipe) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("turnstream: {e}");
            return ExitCode::from(1);
        }
    };
    let rules = Arc::new(Rules::new(&cfg));
    let mut gazetteers = Vec::new();
    for p in &run.gazetteer {
        match read(p) {
            Ok(t) => gazetteers.push((p.display().to_string(), t)),
            Err(e) => {
                eprintln!("turnstream: --gazetteer: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let enricher = match Enricher::load(rules.clone(), steps, &gazetteers) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("turnstream: {e}");
            return ExitCode::from(1);
        }
    };
    let ctx = Arc::new(Context {
        enricher: Arc::new(enricher),
        rules,
    });
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

fn read(p: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

/// `train-ner`: train on CoNLL data, report dev F1, write the model.
fn train_ner(a: &TrainNerArgs) -> Result<(), String> {
    let t0 = std::time::Instant::now();
    let train = conll::parse(&read(&a.train)?);
    let dev = match &a.dev {
        Some(p) => conll::parse(&read(p)?),
        None => Vec::new(),
    };
    let gaz = if a.no_gazetteer {
        None
    } else {
        Some(Gazetteer::load(&[])?)
    };
    let opts = conll::TrainOptions {
        epochs: a.epochs,
        history: !a.no_history,
        two_pass: a.two_pass,
        min_abs: a.min_weight,
        ..conll::TrainOptions::default()
    };
    let model = conll::train(&train, &dev, gaz.as_ref(), &opts, |l| eprintln!("{l}"));
    let bytes = model.to_bytes();
    std::fs::write(&a.output, &bytes).map_err(|e| format!("{}: {e}", a.output.display()))?;
    eprintln!(
        "wrote {} ({} features, {:.1} MB) in {:.1}s",
        a.output.display(),
        model.len(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `tag-conll`: append the predicted tag to each line of a CoNLL file.
fn tag_conll(a: &TagConllArgs) -> Result<(), String> {
    let input = read(&a.file)?;
    let res = entities::Resources::load(a.model.as_deref(), &[])?;
    let docs = conll::parse(&input);
    let tags = entities::tag_conll_docs(&res, &docs);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match conll::write_tagged(&input, &docs, &tags, &mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
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
