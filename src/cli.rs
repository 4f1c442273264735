//! The command line: clap derive structs, turned into validated
//! [`pipeline::Options`] in one place ([`Cli::options`]), so the rest of the
//! code never sees a raw flag.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::pipeline::{self, Output};
use crate::record::Format;
use crate::segment::Limits;
use crate::sink::OutputFormat;
use crate::source::{ReadOptions, WalkOptions};

const AFTER_HELP: &str = "\
Examples:
  turnstream briefing.txt                  one transcript, NDJSON on stdout
  cat briefing.txt | turnstream | jq .     from stdin
  turnstream transcripts/ -o turns.ndjson  every transcript below a directory
  tail -f live.txt | turnstream --idle-flush 2s

Exit status:
  0  every input was processed (also when the reader of stdout closed it early)
  1  usage or configuration error: nothing was processed
  2  some input failed (missing, unreadable, malformed under --strict); the
     others were processed";

/// Turn raw transcripts into speaker turns, one JSON object per turn.
#[derive(Debug, Parser)]
#[command(
    name = "turnstream",
    version,
    about,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub run: RunArgs,

    /// More log output on stderr (-v: summary line, -vv: debug). RUST_LOG wins.
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// Tools beside the main job (`turnstream [OPTIONS] [PATH]...`).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the JSON Schema of the output record (turnstream.turn/1).
    Schema,
    /// Learn a topic file from labelled examples (JSONL with `text` and
    /// `labels`), to edit and load with `--topics`.
    TrainTopics(TrainTopicsArgs),
    /// Train the entity tagger from CoNLL-2003 format data.
    TrainNer(TrainNerArgs),
    /// Tag a CoNLL file: its lines with the predicted IOB2 tag appended.
    TagConll(TagConllArgs),
    /// Scale out on NATS JetStream: publish transcripts, run workers, dump records.
    #[command(subcommand)]
    Nats(Box<NatsCommand>),
}

/// `turnstream nats ...`
#[derive(Debug, Subcommand)]
pub enum NatsCommand {
    /// Send each transcript file (or stdin) as one document message to the
    /// work-queue stream (de-duplicated by a hash of its content).
    Publish(NatsPublishArgs),
    /// Pull documents, run the pipeline, publish every record to the TURNS
    /// stream, then acknowledge the document.
    Worker(NatsWorkerArgs),
    /// Print the records of a stream as NDJSON and exit at its end.
    Dump(NatsDumpArgs),
}

/// Where the NATS server is and what the streams are called.
#[derive(Debug, Args, Clone)]
pub struct NatsCommon {
    /// The NATS server.
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    pub url: String,
    /// The work-queue stream of documents, and its subject.
    #[arg(long, default_value = "TRANSCRIPTS")]
    pub in_stream: String,
    #[arg(long, default_value = "transcripts.in")]
    pub in_subject: String,
    /// The stream of records, and its subject.
    #[arg(long, default_value = "TURNS")]
    pub out_stream: String,
    #[arg(long, default_value = "transcripts.turns")]
    pub out_subject: String,
    /// The stream of error records, and its subject.
    #[arg(long, default_value = "TRANSCRIPT_ERRORS")]
    pub error_stream: String,
    #[arg(long, default_value = "transcripts.errors")]
    pub error_subject: String,
    /// Object-store bucket for documents larger than the server's max payload.
    #[arg(long, default_value = "TRANSCRIPT_OBJECTS")]
    pub bucket: String,
    /// Duplicate window of the document stream (publishing a file again
    /// within it is dropped).
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_duration)]
    pub in_dup_window: Duration,
    /// Duplicate window of the record stream (a redelivered document's
    /// records within it are dropped).
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = parse_duration)]
    pub dup_window: Duration,
}

impl NatsCommon {
    pub fn topology(&self) -> crate::nats::Topology {
        crate::nats::Topology {
            url: self.url.clone(),
            in_stream: self.in_stream.clone(),
            in_subject: self.in_subject.clone(),
            out_stream: self.out_stream.clone(),
            out_subject: self.out_subject.clone(),
            error_stream: self.error_stream.clone(),
            error_subject: self.error_subject.clone(),
            bucket: self.bucket.clone(),
            in_dup_window: self.in_dup_window,
            out_dup_window: self.dup_window,
        }
    }
}

/// `turnstream nats publish [PATH]...`
#[derive(Debug, Args)]
pub struct NatsPublishArgs {
    #[command(flatten)]
    pub nats: NatsCommon,
    /// Transcript files or directories; `-` or nothing reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// The format to tell the workers (default: they detect it).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// File extensions taken from directories, comma separated.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub ext: Vec<String>,
    /// Only (or, with `!`, never) take files matching this glob.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
}

/// `turnstream nats worker`
#[derive(Debug, Args)]
pub struct NatsWorkerArgs {
    #[command(flatten)]
    pub nats: NatsCommon,
    /// The durable consumer shared by all workers.
    #[arg(long, default_value = "turnstream")]
    pub durable: String,
    /// Documents held at once by this worker.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_inflight: usize,
    /// How long the server waits for a document's acknowledgement before
    /// handing it to another worker.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub ack_wait: Duration,
    /// Deliveries after which a document is given up with an error record.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_deliver: i64,
    /// Exit when the queue is empty and nothing is in flight.
    #[arg(long)]
    pub once: bool,
    #[command(flatten)]
    pub pipe: PipelineArgs,
}

/// `turnstream nats dump`
#[derive(Debug, Args)]
pub struct NatsDumpArgs {
    /// The NATS server.
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    pub url: String,
    /// The subject whose stream to print.
    #[arg(long, default_value = "transcripts.turns")]
    pub subject: String,
    /// Keep printing new messages instead of exiting at the end.
    #[arg(long)]
    pub follow: bool,
}

/// `turnstream train-topics LABELLED.jsonl -o topics.toml`
#[derive(Debug, Args)]
pub struct TrainTopicsArgs {
    /// JSONL, one `{"text": ..., "labels": [...]}` a line.
    #[arg(value_name = "LABELLED")]
    pub input: PathBuf,

    /// Write the topic file here (default: stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Give a label a topic id, e.g. `Sports=medtop:15000000` (repeatable);
    /// other labels keep their name as id.
    #[arg(long = "id", value_name = "LABEL=ID")]
    pub ids: Vec<String>,

    /// Most phrases kept per label.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub max_phrases: usize,

    /// Least number of the label's examples a phrase must occur in.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_count: u32,
}

/// `turnstream train-ner --train FILE --dev FILE -o MODEL`
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Training data, CoNLL format (`word ... NER`, IOB1 or IOB2).
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development data, scored after some epochs (settings only; never trained on).
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short = 'o', long = "output", value_name = "MODEL")]
    pub output: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Train without the prediction-history (document) features.
    #[arg(long)]
    pub no_history: bool,
    /// Decode twice, the second pass knowing where a word's other
    /// occurrences in the document got another label (off in the shipped
    /// model: with the larger gazetteers it no longer helps in cross-validation).
    #[arg(long)]
    pub two_pass: bool,
    /// Train without gazetteer features.
    #[arg(long)]
    pub no_gazetteer: bool,
    /// Drop features whose largest averaged weight is below this (model size).
    #[arg(long, default_value_t = 0.3)]
    pub min_weight: f32,
    /// Word dropout: each epoch, hide the identity of this share of the
    /// capitalised words that occur at most `--rare` times in training, so
    /// the model learns to tag names it has never seen.
    #[arg(long, default_value_t = 0.0)]
    pub word_dropout: f32,
    /// Words occurring at most this many times in training are rare.
    #[arg(long, default_value_t = 2)]
    pub rare: u32,
    /// Train this many models on different document orders and average
    /// their weights into one (no run-time cost beyond a larger table).
    #[arg(long, default_value_t = 8)]
    pub ensemble: usize,
}

/// `turnstream tag-conll FILE`
#[derive(Debug, Args)]
pub struct TagConllArgs {
    /// CoNLL file; only the first column (the word) is read.
    pub file: PathBuf,
    /// A model file instead of the built-in one.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<PathBuf>,
}

/// The JSON Schema of the output record, embedded from config/schema/turn.v1.json.
pub const SCHEMA_JSON: &str = include_str!("../config/schema/turn.v1.json");

/// Options of the main job: transcripts in, turns out.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Transcript files or directories; `-` or nothing reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Write records to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub pipe: PipelineArgs,

    /// Print the effective rules (defaults merged with --config) and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Emit the open turn when no input has arrived for this long (`2s`,
    /// `500ms`): for live input such as `tail -f`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub idle_flush: Option<Duration>,

    /// Flush output whenever the pipeline is idle (default when stdout is a pipe).
    #[arg(long)]
    pub line_buffered: bool,

    /// Inputs processed at once (default: the number of cores). Output order
    /// never depends on it.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,

    /// File extensions taken from directories, comma separated (default:
    /// txt,text,md,vtt,srt,jsonl,ndjson).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub ext: Vec<String>,

    /// Only (or, with `!`, never) take files matching this glob from
    /// directories; repeatable. A glob that matches a file overrides --ext.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// Write one NDJSON file per input under DIR, mirroring the input tree
    /// (`a/b.txt` -> `DIR/a/b.txt.ndjson`), each written to a temporary name and
    /// renamed when complete.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out_dir: Option<PathBuf>,

    /// With --out-dir: process inputs even when their output is newer.
    #[arg(long, requires = "out_dir")]
    pub force: bool,

    /// Output format: `ndjson`, or `es-bulk` (an Elasticsearch/OpenSearch
    /// `_bulk` body: an index action with `_id` = the record id, then the record).
    #[arg(long = "format", value_enum, default_value_t = OutputKind::Ndjson)]
    pub output_format: OutputKind,

    /// The `_index` of --format es-bulk actions.
    #[arg(long, value_name = "NAME", default_value = "turnstream")]
    pub index: String,

    /// Show a progress bar on stderr (default: when stderr is a terminal).
    #[arg(long, overrides_with = "no_progress")]
    pub progress: bool,

    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

/// How transcripts are turned into records: shared by the main job and the
/// NATS worker.
#[derive(Debug, Args, Clone)]
pub struct PipelineArgs {
    /// Input format; `auto` detects it per input from its first lines.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// Enrichment steps, comma separated: `none` gives turns only (fastest).
    #[arg(long, value_name = "LIST", default_value = "all")]
    pub enrich: String,

    /// Topic file (TOML): extends (or, with `mode = "replace"`, replaces) the
    /// built-in IPTC Media Topics; see config/topics/example-custom.toml.
    #[arg(long, value_name = "FILE")]
    pub topics: Option<PathBuf>,

    /// Lowest topic score written (0 to 1; default 0.1, or the topic file's).
    #[arg(long, value_name = "SCORE", value_parser = parse_unit)]
    pub topic_threshold: Option<f64>,
    /// Extra gazetteer (TSV: name, category, canonical) for the entities step;
    /// repeatable. Categories: country city subdivision region demonym org
    /// media law event person firstname surname company
    /// title.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,

    /// Rules file (TOML) merged over the built-in config/default.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Speaker registry (TOML): labels or aliases mapped to a canonical name,
    /// role and affiliation, optionally per source glob; added to the built-in
    /// config/speakers.toml and winning over it.
    #[arg(long, value_name = "FILE")]
    pub speakers: Option<PathBuf>,

    /// Split turns larger than this into consecutive `continued` records
    /// (`4M`, `512K`); also the longest line kept in memory at once.
    #[arg(long, value_name = "BYTES", default_value = "4M", value_parser = parse_size)]
    pub max_turn_bytes: usize,

    /// Make a malformed NDJSON input line fatal for its input.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputKind {
    Ndjson,
    EsBulk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Auto,
    Text,
    Ndjson,
    Vtt,
    Srt,
    Sbv,
    Ass,
}

impl InputFormat {
    pub fn forced(self) -> Option<Format> {
        match self {
            InputFormat::Auto => None,
            InputFormat::Text => Some(Format::Text),
            InputFormat::Ndjson => Some(Format::Ndjson),
            InputFormat::Vtt => Some(Format::Vtt),
            InputFormat::Srt => Some(Format::Srt),
            InputFormat::Sbv => Some(Format::Sbv),
            InputFormat::Ass => Some(Format::Ass),
        }
    }
}

impl RunArgs {
    /// Validated run options.
    pub fn options(&self, stdout_is_pipe: bool) -> Result<pipeline::Options, String> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let jobs = match self.jobs {
            Some(0) => return Err("-j must be at least 1".into()),
            Some(n) => n,
            None => cores,
        };
        let mut walk = WalkOptions::default();
        if !self.ext.is_empty() {
            walk.extensions = self
                .ext
                .iter()
                .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
                .filter(|e| !e.is_empty())
                .collect();
        }
        walk.globs = self.glob.clone();
        if self.output_format == OutputKind::EsBulk && self.index.trim().is_empty() {
            return Err("--index must not be empty".into());
        }
        Ok(pipeline::Options {
            paths: self.paths.clone(),
            walk,
            read: ReadOptions {
                max_line_bytes: self.pipe.max_turn_bytes,
                idle: self.idle_flush,
                ..ReadOptions::default()
            },
            limits: Limits {
                max_turn_bytes: self.pipe.max_turn_bytes,
            },
            input_format: self.pipe.input_format.forced(),
            jobs,
            strict: self.pipe.strict,
            output: match (&self.out_dir, &self.output) {
                (Some(d), _) => Output::Dir {
                    dir: d.clone(),
                    force: self.force,
                },
                (None, Some(p)) if p.as_os_str() != "-" => Output::File(p.clone()),
                _ => Output::Stdout,
            },
            output_format: match self.output_format {
                OutputKind::Ndjson => OutputFormat::Ndjson,
                OutputKind::EsBulk => OutputFormat::EsBulk {
                    index: self.index.clone(),
                },
            },
            line_buffered: self.line_buffered
                || (stdout_is_pipe && self.output.is_none() && self.out_dir.is_none()),
            progress: false,
        })
    }
}

/// A number between 0 and 1.
pub fn parse_unit(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a number between 0 and 1")),
    }
}

/// `2s`, `500ms`, `1.5s`, `1m`, `250` (milliseconds).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration (try 2s or 500ms)"))?;
    let secs = match unit.trim() {
        "" | "ms" => n / 1000.0,
        "s" | "sec" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        u => return Err(format!("unknown duration unit `{u}` (ms, s, m, h)")),
    };
    if !(secs > 0.0 && secs.is_finite()) {
        return Err(format!("`{s}`: duration must be positive"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// `4M`, `512K`, `1G`, `65536`, `4MiB`.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: usize = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (try 4M or 65536)"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        u => return Err(format!("unknown size unit `{u}` (K, M, G)")),
    };
    let v = n.checked_mul(mult).ok_or("size too large")?;
    if v < 64 {
        return Err("size must be at least 64 bytes".into());
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes() {
        assert_eq!(parse_duration("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
        assert!(parse_duration("2x").is_err());
        assert!(parse_duration("0s").is_err());
        assert_eq!(parse_size("4M").unwrap(), 4 << 20);
        assert_eq!(parse_size("512K").unwrap(), 512 << 10);
        assert_eq!(parse_size("65536").unwrap(), 65536);
        assert!(parse_size("10").is_err());
        assert!(parse_size("4X").is_err());
    }
}
