//! The command line: clap parses arguments into options, and each command calls the library.
//! Exit codes: 0 ok, 1 content errors, 2 usage or I/O errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::check::{Checked, check};
use crate::diag::{self, Color};
use crate::source::FsSource;

/// Exit status for a content error: the sources have faults.
pub const EXIT_CONTENT: u8 = 1;
/// Exit status for a usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(name = "kansli", version, about = "Publicerar samverkans beslut, protokoll och planer som webbplats och PDF")]
pub struct Cli {
    /// Webbplatsens rotmapp, som innehåller content/ och themes/ (standard: aktuell mapp).
    #[arg(long, global = true, value_name = "MAPP", default_value = ".", hide_default_value = true)]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kontrollera alla källfiler och visa fel och varningar.
    Check,
    /// Bygg webbplatsen (och PDF:erna) till utmappen.
    Build {
        /// Utmappen (standard: output/ i webbplatsens rotmapp).
        #[arg(long, value_name = "MAPP")]
        out: Option<PathBuf>,
        /// Bygg den interna versionen med allt innehåll, varje sida märkt som intern.
        #[arg(long)]
        internal: bool,
        /// Bygg bara HTML och data, inga PDF:er.
        #[arg(long)]
        no_pdf: bool,
        /// Skriv ut hur lång tid varje steg tog.
        #[arg(long)]
        timings: bool,
    },
    /// Visa webbplatsen i webbläsaren medan du skriver: byggs om och laddas om vid varje
    /// sparad ändring.
    Serve {
        /// Porten att lyssna på (standard: 1111).
        #[arg(long, value_name = "PORT", default_value_t = 1111, hide_default_value = true)]
        port: u16,
        /// Adressen att lyssna på (standard: 127.0.0.1, som bara den här datorn når).
        #[arg(long, value_name = "ADRESS", default_value = "127.0.0.1", hide_default_value = true)]
        bind: std::net::IpAddr,
        /// Visa även möten med status utkast, som de kommer att se ut när de publiceras.
        #[arg(long)]
        drafts: bool,
        /// Skriv ut hur lång tid varje steg av varje ombyggnad tog.
        #[arg(long)]
        timings: bool,
    },
    /// Skapa en ny webbplats i MAPP, som går att kontrollera och bygga direkt.
    Init {
        /// Mappen som skapas; den får inte innehålla något.
        #[arg(value_name = "MAPP")]
        dir: PathBuf,
        /// Skriv i mappen även om den inte är tom (filer med samma namn skrivs över).
        #[arg(long)]
        force: bool,
        /// Kopiera standardtemat till themes/default/ för att ändra i det.
        #[arg(long)]
        copy_theme: bool,
    },
    /// Skapa en ny källfil, ifylld från webbplatsen: ett möte, en verksamhetsplan eller en
    /// verksamhetsberättelse.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Skriv JSON-scheman för källfilerna, så att redigeraren kan föreslå och kontrollera
    /// nycklar (och .taplo.toml om den saknas).
    Schema {
        /// Mappen för schemana (standard: schemas/ i webbplatsens rotmapp; då skrivs också
        /// .taplo.toml om den saknas).
        #[arg(long, value_name = "MAPP")]
        out: Option<PathBuf>,
    },
    /// Skriv ut kompletteringar av kommandon för ett skal (bash, zsh, fish …).
    Completions {
        /// Skalet: bash, elvish, fish, powershell eller zsh.
        #[arg(value_name = "SKAL", hide_possible_values = true)]
        shell: clap_complete::Shell,
    },
    /// Skapa en syntetisk webbplats av valfri storlek (för prestandamätningar).
    Generate {
        /// Mappen som skapas; den får inte finnas.
        #[arg(value_name = "MAPP")]
        dir: PathBuf,
        /// Antal möten (standard: 1000).
        #[arg(long, value_name = "ANTAL", default_value_t = 1000, hide_default_value = true)]
        meetings: usize,
        /// Antal arbetsgrupper (standard: en per 500 möten, minst 5).
        #[arg(long, value_name = "ANTAL")]
        groups: Option<usize>,
    },
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Ett möte: content/meetings/<organ>/<datum>.toml, med organets ledamöter och de
    /// stående ärendena.
    Meeting {
        /// Organets id, t.ex. kommunchefsgruppen.
        #[arg(long, value_name = "ID")]
        body: String,
        /// Mötesdagen.
        #[arg(long, value_name = "ÅÅÅÅ-MM-DD")]
        date: String,
    },
    /// En verksamhetsplan: content/groups/<grupp>/plan-<år>.toml.
    Plan {
        /// Gruppens id.
        #[arg(long, value_name = "ID")]
        group: String,
        /// Året.
        #[arg(long, value_name = "ÅÅÅÅ")]
        year: String,
    },
    /// En verksamhetsberättelse med varje mål och aktivitet i årets plan:
    /// content/groups/<grupp>/report-<år>.toml.
    Report {
        /// Gruppens id.
        #[arg(long, value_name = "ID")]
        group: String,
        /// Året.
        #[arg(long, value_name = "ÅÅÅÅ")]
        year: String,
    },
}

/// The command line as clap parses it, its help in Swedish: headings, usage lines and
/// the help and version flags (clap words them in English).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    swedish(Cli::command(), "kansli")
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("Visa versionen"),
        )
        .mut_arg("version", |arg| arg.help_heading("Flaggor"))
}

fn swedish(command: clap::Command, path: &str) -> clap::Command {
    let mut usage = format!("{path} [FLAGGOR]");
    let value_name = |arg: &clap::Arg| {
        arg.get_value_names().and_then(|names| names.first()).map_or(String::new(), |name| name.to_string())
    };
    for option in command.get_opts().filter(|arg| arg.is_required_set()) {
        usage.push_str(&format!(" --{} <{}>", option.get_long().unwrap_or_default(), value_name(option)));
    }
    for positional in command.get_positionals() {
        if positional.is_required_set() {
            usage.push_str(&format!(" <{}>", value_name(positional)));
        } else {
            usage.push_str(&format!(" [{}]", value_name(positional)));
        }
    }
    if command.has_subcommands() {
        usage.push_str(" <KOMMANDO>");
    }
    command
        .help_template("{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}")
        .override_usage(usage)
        .subcommand_help_heading("Kommandon")
        .subcommand_value_name("KOMMANDO")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(clap::Arg::new("help").short('h').long("help").action(clap::ArgAction::Help).help("Visa den här hjälpen"))
        .mut_args(|arg| {
            let heading = if arg.is_positional() { "Argument" } else { "Flaggor" };
            arg.help_heading(heading)
        })
        .mut_subcommands(|sub| {
            let path = format!("{path} {}", sub.get_name());
            swedish(sub, &path)
        })
}

pub fn main() -> ExitCode {
    use clap::FromArgMatches;
    // `kansli help build` is `kansli build --help`.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|arg| arg == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    let parsed = command().try_get_matches_from(args).and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version print as clap words them; mistakes as diagnostics.
            match usage_error(&error).filter(|_| error.use_stderr()) {
                Some(diagnostic) => {
                    let color = Color::for_stream(std::io::stderr().is_terminal());
                    eprint!("{}", diag::render(&diagnostic, &diag::SourceFiles::new(), color));
                }
                None => {
                    let _ = error.print();
                }
            }
            return if error.use_stderr() { ExitCode::from(EXIT_USAGE) } else { ExitCode::SUCCESS };
        }
    };
    run(cli)
}

/// A mistake in the arguments as a diagnostic, in Swedish, for the mistakes people make
/// (a misspelt command or flag, a missing or wrong value); `None` for the rare others,
/// which clap words itself.
pub fn usage_error(error: &clap::Error) -> Option<diag::Diagnostic> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.as_str()),
        Some(ContextValue::Strings(values)) => values.first().map(String::as_str),
        _ => None,
    };
    let texts = |kind| match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        Some(ContextValue::String(value)) => vec![value.clone()],
        _ => Vec::new(),
    };
    // "Usage: kansli serve --port <PORT>" names the command the mistake is in.
    let called: Vec<String> = match error.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage
            .to_string()
            .split_whitespace()
            .skip(1)
            .take_while(|word| !word.starts_with(['-', '<', '[']))
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    let help = match called.len() {
        0 => "se kansli --help".to_string(),
        _ => format!("se {} --help", called.join(" ")),
    };
    let help = help.as_str();
    Some(match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let written = text(ContextKind::InvalidSubcommand)?;
            // The commands where it was written: `new`'s for `kansli new möte`. clap's own
            // suggestion is not its closest (`chek` gave `schema`).
            let mut command = command();
            let program = command.get_name().to_string();
            for name in called.iter().filter(|n| **n != program) {
                match command.find_subcommand(name) {
                    Some(sub) => command = sub.clone(),
                    None => break,
                }
            }
            let names: Vec<&str> = command.get_subcommands().map(clap::Command::get_name).collect();
            // A Swedish word for a command ("kansli new möte") is told the command's name.
            let swedish = SWEDISH_COMMANDS
                .iter()
                .find(|(word, name)| *word == written.to_lowercase() && names.contains(name))
                .map(|(_, name)| *name);
            let hint = match swedish.or_else(|| crate::load::decode::suggest(written, &names)) {
                Some(meant) => format!("menade du `{meant}`?"),
                None => format!("kommandona är {}", names.join(", ")),
            };
            diag::Diagnostic::error(format!("okänt kommando `{written}`")).with_hint(hint)
        }
        ErrorKind::UnknownArgument => {
            let written = text(ContextKind::InvalidArg)?;
            let hint =
                text(ContextKind::SuggestedArg).map_or(help.to_string(), |meant| format!("menade du `{meant}`?"));
            diag::Diagnostic::error(format!("okänt argument `{written}`")).with_hint(hint)
        }
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue) == Some("") => {
            let argument = text(ContextKind::InvalidArg)?;
            diag::Diagnostic::error(format!("`{argument}` behöver ett värde")).with_hint(help)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (argument, value) = (text(ContextKind::InvalidArg)?, text(ContextKind::InvalidValue)?);
            let allowed = texts(ContextKind::ValidValue);
            let cause = std::error::Error::source(error).map(ToString::to_string);
            let hint = match (text(ContextKind::SuggestedValue), cause.as_deref()) {
                (Some(meant), _) => format!("menade du `{meant}`?"),
                (None, Some("invalid digit found in string")) => "ange ett heltal".to_string(),
                (None, Some("number too large to fit in target type")) => "talet är för stort".to_string(),
                (None, Some("invalid IP address syntax")) => "ange en IP-adress, t.ex. 127.0.0.1".to_string(),
                // "99999 is not in 0..=65535"
                (None, Some(cause)) if cause.contains(" is not in ") => {
                    let range = cause.rsplit(' ').next().unwrap_or_default();
                    let (low, high) = range.split_once("..=").unwrap_or((range, ""));
                    format!("ange ett tal från {low} till {high}")
                }
                _ if !allowed.is_empty() => format!("möjliga värden: {}", allowed.join(", ")),
                (None, Some(cause)) => cause.to_string(),
                (None, None) => help.to_string(),
            };
            diag::Diagnostic::error(format!("ogiltigt värde `{value}` för `{argument}`")).with_hint(hint)
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = texts(ContextKind::InvalidArg);
            if missing.is_empty() {
                return None;
            }
            diag::Diagnostic::error(format!("det saknas: {}", missing.join(", "))).with_hint(help)
        }
        _ => return None,
    })
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check => run_check(&cli.root),
        Command::Build { out, internal, no_pdf, timings } => run_build(&cli.root, out, internal, !no_pdf, timings),
        Command::Generate { dir, meetings, groups } => run_generate(&dir, meetings, groups),
        Command::Serve { port, bind, drafts, timings } => run_serve(&cli.root, port, bind, drafts, timings),
        Command::Init { dir, force, copy_theme } => run_init(&dir, force, copy_theme),
        Command::New { what } => run_new(&cli.root, what),
        Command::Schema { out } => run_schema(&cli.root, out.as_deref()),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut command(), "kansli", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}

/// Prints why a scaffolding command made nothing, and its exit code.
fn scaffold_failure(failure: crate::scaffold::Failure) -> ExitCode {
    use crate::scaffold::Failure;
    let color = Color::for_stream(std::io::stderr().is_terminal());
    let none = crate::diag::SourceFiles::new();
    match failure {
        Failure::Usage(d) => {
            eprint!("{}", diag::render(&d, &none, color));
            ExitCode::from(EXIT_USAGE)
        }
        Failure::Content(d) => {
            eprint!("{}", diag::render(&d, &none, color));
            ExitCode::from(EXIT_CONTENT)
        }
        Failure::Io(error) => {
            eprintln!("fel: {}", crate::source::io_text(&error));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run_init(dir: &std::path::Path, force: bool, copy_theme: bool) -> ExitCode {
    let today = crate::source::Source::today(&FsSource::new(dir));
    let options = crate::scaffold::InitOptions { force, copy_theme, today };
    match crate::scaffold::init(dir, &options) {
        Ok(count) => {
            eprintln!("skapade en ny webbplats i {} ({count} filer)", dir.display());
            eprintln!("  nästa steg: cd {} && kansli check && kansli build", dir.display());
            ExitCode::SUCCESS
        }
        Err(failure) => scaffold_failure(failure),
    }
}

fn run_new(root: &std::path::Path, what: NewCommand) -> ExitCode {
    use crate::scaffold::New;
    let what = match what {
        NewCommand::Meeting { body, date } => New::Meeting { body, date },
        NewCommand::Plan { group, year } => New::Plan { group, year },
        NewCommand::Report { group, year } => New::Report { group, year },
    };
    match crate::scaffold::new(root, &what) {
        Ok(path) => {
            eprintln!("skapade {path}");
            eprintln!("  fyll i det som saknas och kör kansli check");
            ExitCode::SUCCESS
        }
        Err(failure) => scaffold_failure(failure),
    }
}

fn run_schema(root: &std::path::Path, out: Option<&std::path::Path>) -> ExitCode {
    match crate::scaffold::schemas(root, out) {
        Ok(written) => {
            eprintln!("skrev {} JSON-scheman till {}", written.count, written.dir.display());
            if let Some(config) = written.taplo {
                eprintln!("skrev {}", config.display());
            }
            ExitCode::SUCCESS
        }
        Err(failure) => scaffold_failure(failure),
    }
}

/// The root has no content/: say so, and where the site root is when it is above.
fn missing_content(root: &std::path::Path) -> ExitCode {
    let (message, hint) = crate::source::missing_content(root);
    eprintln!("fel: {message}");
    eprintln!("  = hjälp: {hint}");
    ExitCode::from(EXIT_USAGE)
}

/// Swedish words a secretary may write for a command, and the command.
const SWEDISH_COMMANDS: &[(&str, &str)] = &[
    ("kontrollera", "check"),
    ("granska", "check"),
    ("bygg", "build"),
    ("bygga", "build"),
    ("publicera", "build"),
    ("visa", "serve"),
    ("förhandsgranska", "serve"),
    ("ny", "new"),
    ("nytt", "new"),
    ("skapa", "new"),
    ("möte", "meeting"),
    ("verksamhetsplan", "plan"),
    ("berättelse", "report"),
    ("verksamhetsberättelse", "report"),
    ("rapport", "report"),
];

fn run_check(root: &std::path::Path) -> ExitCode {
    if !root.join("content").is_dir() {
        return missing_content(root);
    }
    let source = FsSource::new(root);
    let checked = match check(&source) {
        Ok(checked) => checked,
        Err(error) => {
            eprintln!("fel: {}", crate::source::io_text(&error));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    print_diagnostics(&checked);
    eprintln!("{}", summary(&checked));
    if checked.errors() > 0 { ExitCode::from(EXIT_CONTENT) } else { ExitCode::SUCCESS }
}

/// Prints every diagnostic to stderr, coloured on a terminal.
pub fn print_diagnostics(checked: &Checked) {
    let stderr = std::io::stderr();
    let color = Color::for_stream(stderr.is_terminal());
    let mut out = stderr.lock();
    for d in &checked.diagnostics {
        let _ = writeln!(out, "{}", diag::render(d, &checked.files, color));
    }
}

/// "kontrollerade 35 källfiler: 0 fel, 1 varning (0,04 s)"
pub fn summary(checked: &Checked) -> String {
    format!(
        "kontrollerade {} källfiler: {} ({} s)",
        checked.source_count,
        diag::counts(checked.errors(), checked.warnings()),
        seconds(checked.elapsed)
    )
}

/// Seconds with two decimals and a decimal comma: "0,41".
pub fn seconds(elapsed: std::time::Duration) -> String {
    format!("{:.2}", elapsed.as_secs_f64()).replace('.', ",")
}

fn run_generate(dir: &std::path::Path, meetings: usize, groups: Option<usize>) -> ExitCode {
    if dir.exists() {
        eprintln!("fel: {} finns redan", dir.display());
        eprintln!("  = hjälp: ange en mapp som inte finns");
        return ExitCode::from(EXIT_USAGE);
    }
    let spec = crate::generate::Spec { groups, ..crate::generate::Spec::new(meetings) };
    let files = crate::generate::generate(&spec);
    for (path, bytes) in &files {
        let full = dir.join(path);
        let written = full.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&full, bytes));
        if let Err(error) = written {
            eprintln!("fel: {}: {}", full.display(), crate::source::io_text(&error));
            return ExitCode::from(EXIT_USAGE);
        }
    }
    eprintln!("skapade {} filer med {meetings} möten i {}", files.len(), dir.display());
    ExitCode::SUCCESS
}

fn run_build(root: &std::path::Path, out: Option<PathBuf>, internal: bool, pdfs: bool, timings: bool) -> ExitCode {
    use crate::build::{Failure, Options, build};
    if !root.join("content").is_dir() {
        return missing_content(root);
    }
    let edition = if internal { crate::model::Edition::Internal } else { crate::model::Edition::Public };
    let cache = root.join(".kansli-cache");
    let out = match crate::build::output::output_folder(root, out.as_deref(), edition, Some(&cache)) {
        Ok(out) => out,
        Err(d) => {
            let color = Color::for_stream(std::io::stderr().is_terminal());
            eprint!("{}", diag::render(&d, &crate::diag::SourceFiles::new(), color));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let source = FsSource::new(root);
    let options = Options { out: out.clone(), edition, pdfs, cache: Some(cache) };
    match build(&source, &options, &crate::progress::Bar::for_stderr()) {
        Ok((report, mut checked)) => {
            let stats = &report.stats;
            checked.diagnostics.extend(stats.warnings.iter().cloned());
            print_diagnostics(&checked);
            let grouped = |n: usize| crate::render::format::grouped(n as i64).replace('\u{a0}', " ");
            if timings {
                for (phase, took) in &stats.timings.0 {
                    eprintln!("  {phase:<24} {:>8} s", seconds(*took));
                }
                let kinds = [
                    ("sidor per slag (tid i alla trådar)", &stats.page_kinds),
                    ("PDF per slag (från första till sista)", &stats.pdf_kinds),
                ];
                for (heading, kinds) in kinds {
                    if kinds.0.is_empty() {
                        continue;
                    }
                    eprintln!("  {heading}:");
                    for (kind, count, took) in &kinds.0 {
                        eprintln!("    {kind:<17} {:>8} {:>8} s", grouped(*count), seconds(*took));
                    }
                }
            }
            eprintln!(
                "byggde {} sidor ({} nya) och {} PDF ({} nya), {} filer till {} på {} s",
                grouped(stats.pages),
                grouped(stats.pages_made),
                grouped(stats.pdfs),
                grouped(stats.pdfs_made),
                grouped(stats.files),
                out.display(),
                seconds(report.elapsed)
            );
            ExitCode::SUCCESS
        }
        Err(Failure::Content(checked)) => {
            print_diagnostics(&checked);
            eprintln!("{}", summary(&checked));
            eprintln!("inget byggdes; {} är oförändrad", out.display());
            ExitCode::from(EXIT_CONTENT)
        }
        Err(Failure::Theme(files, diagnostics)) => {
            for d in &diagnostics {
                eprintln!("{}", diag::render(d, &files, Color::for_stream(std::io::stderr().is_terminal())));
            }
            eprintln!("inget byggdes; {} är oförändrad", out.display());
            ExitCode::from(EXIT_CONTENT)
        }
        Err(Failure::Io(error)) => {
            eprintln!("fel: {}", crate::source::io_text(&error));
            eprintln!("inget publicerades; {} är oförändrad", out.display());
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run_serve(root: &std::path::Path, port: u16, bind: std::net::IpAddr, drafts: bool, timings: bool) -> ExitCode {
    use crate::serve::{Options, Server};
    if !root.join("content").is_dir() {
        return missing_content(root);
    }
    let edition = if drafts { crate::model::Edition::Preview } else { crate::model::Edition::Public };
    let options = Options { port, bind, edition, ..Options::new(root) };
    let color = Color::for_stream(std::io::stderr().is_terminal());
    match Server::start(&options, std::sync::Arc::new(Terminal { color, timings })) {
        Ok(server) => {
            server.run_until_ctrl_c();
            eprintln!("avslutade");
            ExitCode::SUCCESS
        }
        Err(crate::serve::StartError::Io(diagnostic)) => {
            eprint!("{}", diag::render(&diagnostic, &crate::diag::SourceFiles::new(), color));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `serve`'s messages on the terminal: the address, and one line per rebuild (with the
/// errors in full when it failed).
struct Terminal {
    color: Color,
    timings: bool,
}

impl crate::serve::Reporter for Terminal {
    fn listening(&self, addr: std::net::SocketAddr) {
        eprintln!("visar webbplatsen på http://{addr}/ (avsluta med Ctrl-C)");
    }

    fn rebuilt(&self, outcome: &crate::serve::Outcome) {
        use crate::serve::Outcome;
        let millis = |d: std::time::Duration| format!("{} ms", d.as_millis());
        match outcome {
            Outcome::Built { generation, took, stats } => {
                if generation.number() == 1 {
                    for d in &generation.warnings {
                        eprintln!("{}", diag::render(d, &generation.files, self.color));
                    }
                }
                if self.timings {
                    for (phase, took) in &stats.timings.0 {
                        eprintln!("  {phase:<24} {:>6} ms", format!("{:.1}", took.as_secs_f64() * 1000.0));
                    }
                }
                let grouped = |n: usize| crate::render::format::grouped(n as i64).replace('\u{a0}', " ");
                eprintln!(
                    "byggde på {}: {} källfiler, {} av {} möten oförändrade, {}",
                    millis(*took),
                    grouped(stats.source_files),
                    grouped(stats.meetings_reused),
                    grouped(stats.meetings),
                    diag::counts(0, generation.warnings.len())
                );
            }
            Outcome::Failed { failure, took } => {
                for d in &failure.diagnostics {
                    eprintln!("{}", diag::render(d, &failure.files, self.color));
                }
                let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
                let warnings = failure.diagnostics.len() - errors;
                eprintln!(
                    "{} ({}); webbläsaren visar felen och den senaste webbplatsen utan fel",
                    diag::counts(errors, warnings),
                    millis(*took)
                );
            }
        }
    }

    fn watch_error(&self, error: &str) {
        eprintln!("varning: bevakningen av filerna missade ändringar ({error}); läser om alla filer");
    }
}
