//! `costshare`: validate plan files, estimate a plan year of claims, and work with the built-in
//! catalog. Bad input prints a plain message and exits non-zero; it never panics.

use clap::{Parser, Subcommand};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use costshare_engine::{Adjudication, ClaimResult, Money};
use costshare_estimate::{ClaimReport, EstimateError, EstimateReport, claim_label};
use costshare_plan::{LoadedPlan, Problem, Severity, load_catalog, load_plan};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes to standard output like `print!`; see [`emit`].
macro_rules! out {
    ($($t:tt)*) => { $crate::emit(format_args!($($t)*)) };
}

/// Writes a line to standard output like `println!`; see [`emit`].
macro_rules! outln {
    () => { $crate::emit(format_args!("\n")) };
    ($($t:tt)*) => { $crate::emit(format_args!("{}\n", format_args!($($t)*))) };
}

mod compare;
mod stream;

#[derive(Parser)]
#[command(
    name = "costshare",
    version,
    about = "Health-plan cost estimator: what a year of care costs under a plan."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check plan or catalog files and list every problem with its field.
    Validate {
        /// Plan files or catalog files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run a household's claims through a plan and show who pays what.
    Estimate {
        /// A plan file, or the id of a built-in plan (see `costshare catalog`).
        #[arg(long)]
        plan: String,
        /// Coverage tier id, for example `employee` or `employee_spouse`.
        #[arg(long)]
        tier: String,
        /// Claims file (JSON): members and dated claims.
        #[arg(long)]
        claims: PathBuf,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
        /// Explain every claim step by step.
        #[arg(long)]
        explain: bool,
    },
    /// List the built-in plans, or write them out as files.
    Catalog {
        /// Write the plan with this id to `--out`.
        #[arg(long, requires = "out")]
        write: Option<String>,
        /// Where to write the plan (use `-` for standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the whole built-in catalog as one catalog file.
        #[arg(long, value_name = "FILE")]
        write_all: Option<PathBuf>,
    },
    /// Compare every option for a household: yearly cost, risk, and a recommendation.
    Compare {
        /// Household file (JSON): people, expected care, tax situation, goal.
        #[arg(long)]
        household: PathBuf,
        /// A catalog file to compare instead of the built-in catalog.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Rewrite a plan or catalog file in the current plan format (version 2). A version 1 file
    /// means the same in version 2; the file is checked first and not written if it has errors.
    Migrate {
        /// The plan file or catalog file to migrate.
        file: PathBuf,
        /// Where to write the migrated file (default: over FILE; `-` for standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the JSON Schemas of plan, catalog and claims files into a folder.
    Schema {
        /// Folder to write `plan.schema.json`, `catalog.schema.json` and `claims.schema.json` to.
        #[arg(long, value_name = "DIR")]
        write_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { files } => validate(&files),
        Command::Estimate {
            plan,
            tier,
            claims,
            json,
            explain,
        } => estimate(&plan, &tier, &claims, json, explain),
        Command::Catalog {
            write,
            out,
            write_all,
        } => catalog(write, out, write_all),
        Command::Schema { write_dir } => schema(&write_dir),
        Command::Migrate { file, out } => migrate(&file, out),
        Command::Compare {
            household,
            catalog,
            json,
        } => compare::run(&household, catalog.as_deref(), json),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("costshare: {}", terminal_safe(&message, false));
            ExitCode::FAILURE
        }
    }
}

/// Writes to standard output with control characters escaped. A closed pipe
/// (`costshare catalog | head`) ends the program quietly instead of panicking.
pub(crate) fn emit(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let text = terminal_safe(&args.to_string(), false);
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("costshare: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// Escapes control characters (and bidirectional overrides) as `\u001b`, so names in files
/// cannot move the cursor, recolor or reorder the terminal. Keeps line breaks unless `one_line`.
pub(crate) fn terminal_safe(text: &str, one_line: bool) -> String {
    let unsafe_char = |c: char| {
        (c.is_control() && (one_line || c != '\n'))
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub(crate) fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if path == Path::new("-") {
        out!("{text}");
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub(crate) fn problems_text(file: &Path, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| terminal_safe(&format!("  {}: {p}", file.display()), true) + "\n")
        .collect()
}

fn validate(files: &[PathBuf]) -> Result<ExitCode, String> {
    let mut failed = false;
    for file in files {
        let text = read(file)?;
        // A syntax error is reported as such, whatever kind of file it was meant to be.
        let value = match serde_json::from_str::<Value>(&text) {
            Ok(v) => v,
            Err(e) => {
                failed = true;
                outln!("{}: not valid JSON", file.display());
                out!(
                    "{}",
                    problems_text(file, &[Problem::error("", format!("syntax error: {e}"))])
                );
                continue;
            }
        };
        let is_catalog = value.get("plans").is_some();
        let outcome = if is_catalog {
            load_catalog(&text).map(|plans| {
                plans
                    .into_iter()
                    .enumerate()
                    .flat_map(|(i, p)| {
                        p.warnings
                            .into_iter()
                            .map(move |w| w.within(&format!("plans[{i}]")))
                    })
                    .collect::<Vec<_>>()
            })
        } else {
            load_plan(&text).map(|p| p.warnings)
        };
        match outcome {
            Ok(warnings) => {
                outln!(
                    "{}: ok{}",
                    file.display(),
                    if warnings.is_empty() {
                        String::new()
                    } else {
                        format!(" with {} warning(s)", warnings.len())
                    }
                );
                out!("{}", problems_text(file, &warnings));
            }
            Err(problems) => {
                failed = true;
                let errors = problems
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .count();
                outln!("{}: {errors} error(s)", file.display());
                out!("{}", problems_text(file, &problems));
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn find_plan(plan: &str) -> Result<LoadedPlan, String> {
    let path = Path::new(plan);
    if path.exists() {
        let text = read(path)?;
        return load_plan(&text).map_err(|ps| {
            format!(
                "{} is not a usable plan file:\n{}",
                path.display(),
                problems_text(path, &ps)
            )
        });
    }
    let builtin = costshare_catalog::builtin().map_err(|ps| {
        format!(
            "the built-in catalog is broken:\n{}",
            problems_text(Path::new("catalog"), &ps)
        )
    })?;
    let ids: Vec<String> = builtin.iter().map(|p| p.file.id.clone()).collect();
    builtin
        .into_iter()
        .find(|p| p.file.id == plan)
        .ok_or_else(|| {
            format!(
                "\"{plan}\" is neither a file nor a built-in plan id ({})",
                ids.join(", ")
            )
        })
}

fn estimate(
    plan: &str,
    tier: &str,
    claims: &Path,
    json: bool,
    explain: bool,
) -> Result<ExitCode, String> {
    let loaded = find_plan(plan)?;
    let tier_index = costshare_estimate::tier_index(&loaded, tier).map_err(|e| e.to_string())?;
    let failed = |e: EstimateError| match e {
        EstimateError::Claims(ps) => format!(
            "{} does not fit plan {}:\n{}",
            claims.display(),
            loaded.file.id,
            problems_text(claims, &ps)
        ),
        EstimateError::Engine(e) => {
            let file = if e.path().starts_with("claims") || e.path() == "members" {
                claims.display().to_string()
            } else {
                plan.to_string()
            };
            match e.path() {
                p if p.is_empty() => format!("{file}: {}", e.message()),
                p => format!("{file}: {p}: {}", e.message()),
            }
        }
        other => other.to_string(),
    };
    // The file's text and its parsed form are dropped once the claims are resolved; results
    // are written as they are worked out, so memory does not grow with the output.
    let resolved = {
        let text = read(claims)?;
        let file = costshare_plan::parse_claims(&text).map_err(|ps| {
            format!(
                "{} is not a usable claims file:\n{}",
                claims.display(),
                problems_text(claims, &ps)
            )
        })?;
        costshare_estimate::resolve(&loaded, &file).map_err(failed)?
    };
    let ctx = Context {
        loaded: &loaded,
        members: &resolved.members,
        claims: &resolved.claims,
    };
    let mut out = stream::Out::new();
    if json {
        let mut claims_json = stream::JsonClaims::default();
        let result = costshare_estimate::run_each(&loaded, tier_index, &resolved, true, |r| {
            if let Some(report) = ClaimReport::new(&loaded.plan, ctx.members, ctx.claims, &r) {
                claims_json.claim(&mut out, &report);
            }
        })
        .map_err(failed)?;
        let summary = EstimateReport::new(&loaded, tier, ctx.members, ctx.claims, &result);
        claims_json.finish(&mut out, &summary)?;
    } else {
        let mut tables = Tables::new(&ctx, tier_index, explain, &mut out);
        let result = costshare_estimate::run_each(&loaded, tier_index, &resolved, explain, |r| {
            tables.push(r)
        })
        .map_err(failed)?;
        tables.finish(&result);
    }
    out.finish();
    Ok(ExitCode::SUCCESS)
}

struct Context<'a> {
    loaded: &'a LoadedPlan,
    members: &'a [costshare_engine::Member],
    claims: &'a [costshare_engine::Claim],
}

impl Context<'_> {
    fn what(&self, r: &ClaimResult) -> String {
        claim_label(&self.loaded.plan, &self.claims[r.input_index])
    }
}

pub(crate) fn new_table() -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(170);
    t
}

pub(crate) fn money_cell(m: Money) -> Cell {
    Cell::new(if m.is_zero() {
        "-".to_string()
    } else {
        m.to_string()
    })
    .set_alignment(CellAlignment::Right)
}

/// Claim rows printed per table: the claims table is written in parts of this many rows (each
/// followed by its explanations), so a million claims never sit in memory at once. Up to this
/// many claims print as one table, exactly as before.
const TABLE_ROWS: usize = 1000;

/// The claims table, written in parts as claims are worked out.
struct Tables<'a> {
    ctx: &'a Context<'a>,
    explain: bool,
    rows: Vec<ClaimResult>,
    printed: bool,
    out: &'a mut stream::Out,
}

impl<'a> Tables<'a> {
    fn new(ctx: &'a Context<'a>, tier: usize, explain: bool, out: &'a mut stream::Out) -> Self {
        let plan = &ctx.loaded.plan;
        out.write(&format!("{} — {} tier\n", plan.name, plan.tiers[tier].name));
        Tables {
            ctx,
            explain,
            rows: Vec::with_capacity(TABLE_ROWS),
            printed: false,
            out,
        }
    }

    fn push(&mut self, r: ClaimResult) {
        self.rows.push(r);
        if self.rows.len() == TABLE_ROWS {
            self.print_rows();
        }
    }

    fn print_rows(&mut self) {
        let ctx = self.ctx;
        let mut table = new_table();
        table.set_header(vec![
            "#",
            "Date",
            "Member",
            "Service",
            "Network",
            "Allowed",
            "Not covered",
            "Balance bill",
            "Penalty",
            "Copay",
            "Deductible",
            "Coinsurance",
            "HRA paid",
            "Plan paid",
            "You pay",
        ]);
        for r in &self.rows {
            let claim = &ctx.claims[r.input_index];
            table.add_row(vec![
                Cell::new(r.input_index + 1),
                Cell::new(claim.date),
                Cell::new(&ctx.members[claim.member].id),
                Cell::new(ctx.what(r)),
                Cell::new(claim.network.words()),
                money_cell(r.allowed),
                money_cell(r.not_covered),
                money_cell(r.balance_billed),
                money_cell(r.penalty),
                money_cell(r.copay),
                money_cell(r.deductible + r.admission_deductible),
                money_cell(r.coinsurance),
                money_cell(r.hra_paid),
                money_cell(r.plan_paid),
                money_cell(r.member_paid),
            ]);
        }
        self.out.write(&format!("{table}\n"));
        if self.explain {
            let plan = &ctx.loaded.plan;
            for r in &self.rows {
                let mut text = format!("\nClaim {} — {}:\n", r.input_index + 1, ctx.what(r));
                for s in &r.steps {
                    text.push_str(&format!("  • {}\n", s.describe(plan)));
                }
                self.out.write(&text);
            }
        }
        self.rows.clear();
        self.printed = true;
    }

    /// The last rows, then the totals.
    fn finish(mut self, result: &Adjudication) {
        if !self.rows.is_empty() || !self.printed {
            self.print_rows();
        }
        if self.explain {
            self.out.write("\n");
        }
        let ctx = self.ctx;
        let plan = &ctx.loaded.plan;
        let mut totals = new_table();
        totals.set_header(vec![
            "Who",
            "Claims",
            "Allowed",
            "Deductible",
            "Copays",
            "Coinsurance",
            "Not covered + balance bills + penalties",
            "HRA paid",
            "Plan paid",
            "You pay",
        ]);
        let rows = ctx
            .members
            .iter()
            .map(|m| m.id.as_str())
            .zip(result.members.iter())
            .chain(std::iter::once(("Family", &result.family)));
        for (who, t) in rows {
            totals.add_row(vec![
                Cell::new(who),
                Cell::new(t.claims),
                money_cell(t.allowed),
                money_cell(t.deductible + t.admission_deductible),
                money_cell(t.copay),
                money_cell(t.coinsurance),
                money_cell(t.not_covered + t.balance_billed + t.penalty),
                money_cell(t.hra_paid),
                money_cell(t.plan_paid),
                money_cell(t.member_paid),
            ]);
        }
        self.out.write(&format!("{totals}\n"));
        if plan.hra.is_some() {
            self.out.write(&format!(
                "HRA money left at the end of the year: {}\n",
                result.hra_left
            ));
        }
    }
}

fn catalog(
    write_one: Option<String>,
    out: Option<PathBuf>,
    write_all: Option<PathBuf>,
) -> Result<ExitCode, String> {
    if let Some(path) = write_all {
        let text = costshare_catalog::catalog_json().map_err(|ps| {
            format!(
                "the built-in catalog is broken:\n{}",
                problems_text(Path::new("catalog"), &ps)
            )
        })?;
        write(&path, &text)?;
        if path != Path::new("-") {
            eprintln!("wrote the built-in catalog to {}", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(id) = write_one {
        let names: Vec<&str> = costshare_catalog::FILES
            .iter()
            .map(|(n, _)| n.trim_end_matches(".json"))
            .collect();
        let Some((_, text)) = costshare_catalog::FILES
            .iter()
            .find(|(n, _)| n.trim_end_matches(".json") == id)
        else {
            return Err(format!(
                "there is no built-in plan \"{id}\"; the built-in plans are: {}",
                names.join(", ")
            ));
        };
        let out = out.unwrap_or_else(|| PathBuf::from("-"));
        write(&out, text)?;
        if out != Path::new("-") {
            eprintln!("wrote {id} to {}", out.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let plans = costshare_catalog::builtin().map_err(|ps| {
        format!(
            "the built-in catalog is broken:\n{}",
            problems_text(Path::new("catalog"), &ps)
        )
    })?;
    let mut table = new_table();
    table.set_header(vec!["Id", "Kind", "Name", "Plan year", "Tiers", "Notes"]);
    for p in &plans {
        let mut notes = Vec::new();
        if p.has_examples() {
            notes.push("has example values".to_string());
        }
        if !p.warnings.is_empty() {
            notes.push(format!(
                "{} warning(s): see `costshare validate`",
                p.warnings.len()
            ));
        }
        table.add_row(vec![
            p.file.id.clone(),
            format!("{:?}", p.file.kind).to_lowercase(),
            p.file.name.clone(),
            format!("{} to {}", p.file.plan_year.start, p.file.plan_year.end),
            p.plan
                .tiers
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            notes.join("; "),
        ]);
    }
    outln!("{table}");
    outln!("Write one out with: costshare catalog --write <id> --out <file>");
    Ok(ExitCode::SUCCESS)
}

fn migrate(file: &Path, out: Option<PathBuf>) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let migrated = costshare_plan::migrate_json(&text).map_err(|ps| {
        format!(
            "not migrated, because the file has problems:\n{}",
            problems_text(file, &ps)
        )
    })?;
    let out = out.unwrap_or_else(|| file.to_path_buf());
    write(&out, &migrated)?;
    if out != Path::new("-") {
        eprintln!(
            "wrote {} in plan format version {}",
            out.display(),
            costshare_plan::SCHEMA_VERSION
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn schema(dir: &Path) -> Result<ExitCode, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in [
        ("plan.schema.json", costshare_plan::plan_schema()),
        ("catalog.schema.json", costshare_plan::catalog_schema()),
        ("claims.schema.json", costshare_plan::claims_schema()),
    ] {
        write(&dir.join(name), &(text + "\n"))?;
        eprintln!("wrote {}", dir.join(name).display());
    }
    Ok(ExitCode::SUCCESS)
}
