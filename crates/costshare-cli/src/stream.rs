//! Output written as it is produced (issue 10, item 5): `costshare estimate` on a million claims
//! writes each claim as soon as the engine has worked it out, through one buffer, instead of
//! building the whole report (about 10 GB) first.

use crate::terminal_safe;
use costshare_estimate::{ClaimReport, EstimateReport};
use std::io::{BufWriter, Stdout, Write};

/// Buffered standard output with control characters escaped, like [`crate::emit`]. A closed
/// pipe (`costshare estimate … | head`) ends the program quietly.
pub(crate) struct Out {
    writer: BufWriter<Stdout>,
}

fn failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("costshare: cannot write the output: {e}");
    std::process::exit(1);
}

impl Out {
    pub(crate) fn new() -> Out {
        Out {
            writer: BufWriter::with_capacity(1 << 16, std::io::stdout()),
        }
    }

    pub(crate) fn write(&mut self, text: &str) {
        if let Err(e) = self.writer.write_all(terminal_safe(text, false).as_bytes()) {
            failed(&e);
        }
    }

    pub(crate) fn finish(mut self) {
        if let Err(e) = self.writer.flush() {
            failed(&e);
        }
    }
}

/// Writes `estimate --json` claim by claim. The result is byte for byte what pretty-printing
/// the whole [`EstimateReport`] with sorted keys gives (`claims` sorts first).
#[derive(Default)]
pub(crate) struct JsonClaims {
    started: bool,
}

impl JsonClaims {
    pub(crate) fn claim(&mut self, out: &mut Out, report: &ClaimReport) {
        // Through a Value so keys print sorted, as before.
        let text = serde_json::to_value(report)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        let mut chunk = String::with_capacity(text.len() + 256);
        chunk.push_str(if self.started {
            ",\n"
        } else {
            "{\n  \"claims\": [\n"
        });
        self.started = true;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                chunk.push('\n');
            }
            chunk.push_str("    ");
            chunk.push_str(line);
        }
        out.write(&chunk);
    }

    /// The end of the claims list and everything after it (`summary` has no claims).
    pub(crate) fn finish(self, out: &mut Out, summary: &EstimateReport) -> Result<(), String> {
        let mut value = serde_json::to_value(summary).map_err(|e| e.to_string())?;
        if let Some(map) = value.as_object_mut() {
            map.remove("claims");
        }
        let rest = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        let rest = rest.strip_prefix("{\n").unwrap_or(&rest);
        out.write(if self.started {
            "\n  ],\n"
        } else {
            "{\n  \"claims\": [],\n"
        });
        out.write(rest);
        out.write("\n");
        Ok(())
    }
}
