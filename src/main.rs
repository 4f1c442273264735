//! The `turnstream` binary: parse arguments, set up logging, run the library,
//! map the outcome to an exit status (0 ok, 1 usage/config error, 2 some input
//! failed). Everything else lives in the library (`src/lib.rs`).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use std::io::Write;

use turnstream::cli::{
    Cli, Command, NatsCommand, PipelineArgs, SCHEMA_JSON, TagConllArgs, TrainNerArgs,
    TrainTopicsArgs,
};
use turnstream::config::{Config, Rules};
use turnstream::enrich::entities::{self, conll, gazetteer::Gazetteer};
use turnstream::enrich::topics::TopicModel;
use turnstream::enrich::topics::train::{TrainOptions, read_examples, train};
use turnstream::enrich::{Enricher, Step, Steps};
use turnstream::nats::worker::WorkerOptions;
use turnstream::pipeline::{self, Context};
use turnstream::sink::Writer;
use turnstream::source::WalkOptions;
use turnstream::speaker::SpeakerRules;
use turnstream::speaker::registry::Registry;

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
            Command::TrainTopics(args) => match train_topics(args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("turnstream train-topics: {e}");
                    ExitCode::from(1)
                }
            },
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
            Command::Nats(n) => nats(n, &cli),
        };
    }
    let run = &cli.run;
    if run.print_config {
        return match Config::load(run.pipe.config.as_deref()) {
            Ok(cfg) => {
                print!("{}", cfg.to_toml());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("turnstream: {e}");
                ExitCode::from(1)
            }
        };
    }
    let ctx = match build_context(&run.pipe) {
        Ok(c) => Arc::new(c),
        Err(e) => {
            eprintln!("turnstream: {e}");
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
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("turnstream: {e}");
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

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .max(2),
        )
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start runtime: {e}"))
}

/// `turnstream nats publish|worker|dump`.
fn nats(cmd: &NatsCommand, cli: &Cli) -> ExitCode {
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("turnstream: {e}");
            return ExitCode::from(1);
        }
    };
    match cmd {
        NatsCommand::Publish(a) => {
            let mut walk = WalkOptions::default();
            if !a.ext.is_empty() {
                walk.extensions = a
                    .ext
                    .iter()
                    .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                    .collect();
            }
            walk.globs = a.glob.clone();
            let format = a.input_format.forced().map_or("auto", |f| f.name());
            match rt.block_on(turnstream::nats::publish::publish(
                &a.nats.topology(),
                &a.paths,
                &walk,
                format,
            )) {
                Ok(r) => {
                    if cli.verbose > 0 && !cli.quiet {
                        eprintln!(
                            "turnstream nats publish: {} documents published ({} duplicates, {} via the object store), {:.1} MB, {} errors",
                            r.published,
                            r.duplicates,
                            r.via_object_store,
                            r.bytes as f64 / 1e6,
                            r.errors.len()
                        );
                    }
                    if r.errors.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(2)
                    }
                }
                Err(e) => {
                    eprintln!("turnstream nats publish: {e}");
                    ExitCode::from(2)
                }
            }
        }
        NatsCommand::Worker(a) => {
            let ctx = match build_context(&a.pipe) {
                Ok(c) => Arc::new(c),
                Err(e) => {
                    eprintln!("turnstream: {e}");
                    return ExitCode::from(1);
                }
            };
            let mut pipeline = pipeline::Options::default();
            pipeline.read.max_line_bytes = a.pipe.max_turn_bytes;
            pipeline.limits.max_turn_bytes = a.pipe.max_turn_bytes;
            pipeline.input_format = a.pipe.input_format.forced();
            pipeline.strict = a.pipe.strict;
            let w = WorkerOptions {
                durable: a.durable.clone(),
                max_inflight: a.max_inflight.max(1),
                ack_wait: a.ack_wait,
                max_deliver: a.max_deliver,
                once: a.once,
                pipeline,
            };
            match rt.block_on(turnstream::nats::worker::run(&a.nats.topology(), &w, ctx)) {
                Ok(r) => {
                    if cli.verbose > 0 && !cli.quiet {
                        eprintln!("turnstream nats worker: {}", r.one_line());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("turnstream nats worker: {e}");
                    ExitCode::from(2)
                }
            }
        }
        NatsCommand::Dump(a) => {
            let mut out = Writer::stdout(!std::io::stdout().is_terminal());
            match rt.block_on(turnstream::nats::dump::dump(
                &a.url, &a.subject, a.follow, &mut out,
            )) {
                Ok(n) => {
                    if cli.verbose > 0 && !cli.quiet {
                        eprintln!("turnstream nats dump: {n} records");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("turnstream nats dump: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// The run's shared state from the pipeline options: rules, enrichment
/// resources (loaded only for the steps asked for), speaker vocabularies and
/// registry. Errors name the option or file.
fn build_context(p: &PipelineArgs) -> Result<Context, String> {
    let cfg = Config::load(p.config.as_deref()).map_err(|e| e.to_string())?;
    let steps = Steps::parse(&p.enrich).map_err(|e| format!("--enrich: {e}"))?;
    let rules = Arc::new(Rules::new(&cfg));
    let mut gazetteers = Vec::new();
    for g in &p.gazetteer {
        gazetteers.push((
            g.display().to_string(),
            read(g).map_err(|e| format!("--gazetteer: {e}"))?,
        ));
    }
    let mut enricher = Enricher::load(rules.clone(), steps.clone(), &gazetteers)?;
    if steps.has(Step::Topics) && (p.topics.is_some() || p.topic_threshold.is_some()) {
        let mut model = match &p.topics {
            Some(f) => TopicModel::load(f).map_err(|e| e.to_string())?,
            None => TopicModel::builtin(),
        };
        if let Some(t) = p.topic_threshold {
            model.threshold = t;
        }
        enricher = enricher.with_topic_model(model);
    }
    let registry = Registry::load(p.speakers.as_deref())?;
    let mut ctx = Context::new(rules, Arc::new(enricher));
    ctx.speaker_rules = Arc::new(SpeakerRules::new(&cfg.speakers));
    ctx.registry = Arc::new(registry);
    Ok(ctx)
}

/// `turnstream train-topics`: read labelled JSONL, write a topic file.
fn train_topics(args: &TrainTopicsArgs) -> Result<(), String> {
    let text = std::fs::read_to_string(&args.input)
        .map_err(|e| format!("{}: {e}", args.input.display()))?;
    let examples = read_examples(&text).map_err(|e| format!("{}: {e}", args.input.display()))?;
    let mut opts = TrainOptions {
        max_phrases: args.max_phrases,
        min_count: args.min_count,
        ..TrainOptions::default()
    };
    for pair in &args.ids {
        let (label, id) = pair
            .split_once('=')
            .ok_or_else(|| format!("--id `{pair}`: expected LABEL=ID"))?;
        opts.ids.insert(label.to_string(), id.to_string());
    }
    let file = train(&examples, &opts);
    let n: usize = file.topics.iter().map(|t| t.phrases.len()).sum();
    let body = format!(
        "# Learned by `turnstream train-topics` from {} ({} examples): weighted\n\
         # log-odds with an informative Dirichlet prior. Edit freely; load with\n\
         # `turnstream --topics FILE`.\n{}",
        args.input.display(),
        examples.len(),
        file.to_toml()
    );
    match &args.output {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::write(p, body).map_err(|e| format!("{}: {e}", p.display()))?
        }
        _ => print!("{body}"),
    }
    eprintln!(
        "turnstream train-topics: {} topics, {} phrases from {} examples",
        file.topics.len(),
        n,
        examples.len()
    );
    Ok(())
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
