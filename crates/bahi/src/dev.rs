//! `bahi dev generate`: a busy generated business, for benchmarks and for trying the returns
//! on realistic volume (refused in production).

use std::process::ExitCode;
use std::time::Instant;

use bahi_app::dev::generate::{self, Plan};
use bahi_gst::Period;
use clap::{Args, Subcommand};

use crate::site::{OPERATOR, Site, say};

#[derive(Subcommand)]
pub enum DevCommand {
    /// Write a new organisation with months of invoices, notes and bills; prints how to sign
    /// in and an API token.
    Generate(GenerateArgs),
}

#[derive(Args)]
pub struct GenerateArgs {
    /// The last month to fill (YYYY-MM); earlier months come before it.
    #[arg(long, default_value = "2026-10", value_parser = parse_period)]
    last: Period,
    #[arg(long, default_value_t = 1)]
    months: u32,
    /// Sales documents a month.
    #[arg(long, default_value_t = 100_000)]
    invoices: u32,
    /// Purchase bills a month.
    #[arg(long, default_value_t = 10_000)]
    bills: u32,
    /// The same seed writes the same documents.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|e| e.to_string())
}

pub async fn run(site: &Site, command: DevCommand) -> ExitCode {
    let DevCommand::Generate(args) = command;
    let plan = Plan {
        last: args.last,
        months: args.months,
        invoices: args.invoices,
        bills: args.bills,
        seed: args.seed,
    };
    let started = Instant::now();
    match generate::generate(&site.services, &OPERATOR, &plan).await {
        Ok(done) => {
            println!(
                "Generated {} ({}) in {:.1} s: {} sales documents with {} lines, {} bills",
                done.org.legal_name,
                done.org.id,
                started.elapsed().as_secs_f64(),
                done.documents,
                done.lines,
                done.bills
            );
            println!("  owner     {}  password: {}", done.email, done.password);
            println!("  API token {}", done.token);
            println!(
                "  GSTR-1    {}api/v1/orgs/{}/returns/gstr-1?period={}",
                site.config.public_url, done.org.id, plan.last
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bahi dev generate: {}", say(&error));
            ExitCode::FAILURE
        }
    }
}
