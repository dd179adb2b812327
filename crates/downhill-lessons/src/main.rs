//! Build-time entry point of the lesson renderer: `build` writes the site's pages, `check` only
//! validates them.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use downhill_lessons::WasmModule;
use downhill_lessons::wasm_module::MODULE_STEM;

const USAGE: &str = "\
Usage: downhill-lessons <build|check> [--root DIR] [--out DIR]

  build   Render every lesson and the home page, check them, and write them into the output folder.
  check   Render and check everything, write nothing, and list every problem found.

  --root DIR  The repository root holding lessons/ and www/ (default: this crate's workspace).
  --out DIR   Where `build` writes (default: $TRUNK_STAGING_DIR when Trunk runs the hook, else ROOT/dist).
              It must hold the build's wasm module (downhill-web-HASH.js, downhill-web-HASH_bg.wasm),
              whose names every page carries for boot.js.
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Build,
    Check,
}

#[derive(Debug)]
struct Arguments {
    command: Command,
    root: PathBuf,
    out: Option<PathBuf>,
}

fn parse_arguments() -> Result<Option<Arguments>> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut command = None;
    let mut root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut out = None;
    while let Some(argument) = parser.next()? {
        match argument {
            Short('h') | Long("help") => return Ok(None),
            Long("root") => root = parser.value()?.into(),
            Long("out") => out = Some(parser.value()?.into()),
            Value(value) if command.is_none() => {
                command = Some(match value.to_str() {
                    Some("build") => Command::Build,
                    Some("check") => Command::Check,
                    _ => bail!("unknown command {value:?}\n\n{USAGE}"),
                });
            }
            other => return Err(other.unexpected().into()),
        }
    }
    let Some(command) = command else {
        bail!("no command given\n\n{USAGE}");
    };
    Ok(Some(Arguments { command, root, out }))
}

fn run() -> Result<ExitCode> {
    let Some(arguments) = parse_arguments()? else {
        print!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let root = arguments
        .root
        .canonicalize()
        .with_context(|| format!("reading the root folder {}", arguments.root.display()))?;
    let out = arguments
        .out
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .unwrap_or_else(|| root.join("dist"));
    let rendered = match arguments.command {
        Command::Check => downhill_lessons::render_site(&root),
        Command::Build => {
            // A wrong folder would explain a missing module too, so it is refused first.
            downhill_lessons::site::check_output_folder(&root, &out)?;
            // Trunk runs this hook once the wasm is built, so its staging folder holds the module
            // whose content-hashed names every page must carry.
            let Some(module) = WasmModule::find_in(&out)? else {
                bail!(
                    "{} holds no wasm module ({MODULE_STEM}-HASH.js and {MODULE_STEM}-HASH_bg.wasm) \
                     for the pages to load: `build` runs as Trunk's post_build hook (`trunk build`), \
                     after Trunk has built the wasm into its staging folder",
                    out.display()
                );
            };
            downhill_lessons::render_site_for_build(&root, &module)
        }
    };
    let site = match rendered {
        Ok(site) => site,
        Err(errors) => {
            for error in errors.iter() {
                eprintln!("{error}");
            }
            eprintln!(
                "{} problem{} found; no pages written.",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let pages = &site.pages;
    match arguments.command {
        Command::Check => {
            for pending in &site.pending {
                println!("to do: {pending}");
            }
            println!("{} pages checked: no problems found.", pages.len());
        }
        Command::Build => {
            let written =
                downhill_lessons::write_site(&root, &out, &site).context("writing the site")?;
            println!(
                "{} pages and {} still files written to {}.",
                pages.len(),
                written.len() - pages.len(),
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("downhill-lessons: {error:#}");
            ExitCode::FAILURE
        }
    }
}
