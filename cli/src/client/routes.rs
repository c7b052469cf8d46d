//! `carcosa routes ls|push`: named upload routes over the management API. `push` reads the
//! routes from a JSON file — the SDK's `createRouter({...})` object (camelCase, sizes like
//! `"4MiB"`) or the API's form — shows what would change, asks, then applies.

use std::collections::BTreeMap;
use std::io::{BufRead as _, IsTerminal as _};
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Subcommand;
use reqwest::Method;
use serde_json::{Map, Value, json};

use super::{Client, encode_path};

/// Route commands.
#[derive(Debug, Subcommand)]
pub enum RoutesCommand {
    /// Show the project's routes.
    Ls {
        /// Project id or slug (default: the key's own).
        #[arg(long, default_value = "current")]
        project: String,
    },
    /// Make the project's routes exactly those in FILE (routes not in it are removed).
    Push {
        /// A JSON file: `{"avatar": {"contentTypes": ["image/*"], "maxFileSize": "4MiB", ...}, ...}`.
        file: PathBuf,
        /// Project id or slug (default: the key's own).
        #[arg(long, default_value = "current")]
        project: String,
        /// Apply without asking.
        #[arg(long, short = 'y')]
        yes: bool,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Bytes of `"4MiB"`-style sizes (as the SDK writes them), or a number.
fn size(value: &Value, route: &str) -> anyhow::Result<i64> {
    if let Some(n) = value.as_i64() {
        return Ok(n);
    }
    let text = value
        .as_str()
        .with_context(|| format!("route {route}: maxFileSize must be bytes or a size like \"4MiB\""))?;
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .with_context(|| format!("route {route}: size {text:?}"))?;
    let factor: f64 = match unit {
        "" | "B" => 1.0,
        "KB" => 1e3,
        "KiB" => 1024.0,
        "MB" => 1e6,
        "MiB" => 1024.0 * 1024.0,
        "GB" => 1e9,
        "GiB" => 1024.0 * 1024.0 * 1024.0,
        _ => bail!("route {route}: unknown size unit in {text:?}"),
    };
    Ok((number * factor).floor() as i64)
}

/// The API form of one route, from either the SDK's form or the API's own.
fn to_rules(name: &str, route: &Value) -> anyhow::Result<Value> {
    let r = route
        .as_object()
        .with_context(|| format!("route {name} must be an object"))?;
    if r.contains_key("content_types") {
        return Ok(route.clone());
    }
    let mut out = Map::new();
    out.insert(
        "content_types".into(),
        r.get("contentTypes").cloned().unwrap_or(Value::Null),
    );
    out.insert(
        "max_file_size".into(),
        json!(size(r.get("maxFileSize").unwrap_or(&Value::Null), name)?),
    );
    out.insert("max_files".into(), r.get("maxFiles").cloned().unwrap_or(json!(1)));
    if let Some(p) = r.get("presets") {
        out.insert("presets".into(), p.clone());
    }
    out.insert(
        "tenant_required".into(),
        r.get("tenantRequired").cloned().unwrap_or(json!(false)),
    );
    if let Some(m) = r.get("metadata") {
        out.insert("metadata".into(), m.clone());
    }
    Ok(Value::Object(out))
}

fn show(report: &Value) {
    for (key, sign) in [("added", '+'), ("changed", '~'), ("removed", '-')] {
        for name in report[key].as_array().into_iter().flatten() {
            println!("  {sign} {}", name.as_str().unwrap_or(""));
        }
    }
    let unchanged = report["unchanged"].as_array().map_or(0, Vec::len);
    if unchanged > 0 {
        println!("  ({unchanged} unchanged)");
    }
}

fn no_changes(report: &Value) -> bool {
    ["added", "changed", "removed"]
        .iter()
        .all(|k| report[*k].as_array().is_none_or(Vec::is_empty))
}

/// Runs a route command.
pub async fn run(client: &Client, command: RoutesCommand) -> anyhow::Result<()> {
    match command {
        RoutesCommand::Ls { project } => {
            let list: Value = client
                .call(
                    Method::GET,
                    &format!("/v1/projects/{}/upload-routes", encode_path(&project)),
                    None,
                    &[],
                )
                .await?;
            println!("{}", serde_json::to_string_pretty(&list["data"])?);
            Ok(())
        }
        RoutesCommand::Push {
            file,
            project,
            yes,
            dry_run,
        } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let routes: BTreeMap<String, Value> = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a JSON object of routes", file.display()))?;
            let mut wanted = Map::new();
            for (name, route) in &routes {
                wanted.insert(name.clone(), to_rules(name, route)?);
            }
            let path = format!("/v1/projects/{}/upload-routes", encode_path(&project));
            let preview: Value = client
                .call(
                    Method::PUT,
                    &path,
                    Some(&json!({"routes": wanted, "dry_run": true})),
                    &[],
                )
                .await?;
            if no_changes(&preview) {
                println!("routes are up to date");
                show(&preview);
                return Ok(());
            }
            println!("changes to the project's upload routes:");
            show(&preview);
            if dry_run {
                return Ok(());
            }
            if !yes {
                if !std::io::stdin().is_terminal() {
                    bail!("not applied: pass --yes to apply without a terminal to confirm on");
                }
                eprint!("apply? [y/N] ");
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                if !matches!(line.trim(), "y" | "Y" | "yes") {
                    bail!("not applied");
                }
            }
            let done: Value = client
                .call(Method::PUT, &path, Some(&json!({"routes": wanted})), &[])
                .await?;
            println!("applied");
            show(&done);
            Ok(())
        }
    }
}
