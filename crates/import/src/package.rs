//! The Cargo package `synth import` writes: a manifest naming exactly the
//! services the templates use, one module per template, and a `main.rs`
//! that hands the stacks to `synth::run`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use framework::CommandError;
use serde_json::Value;

use crate::report::{Imported, Note, NoteKind};
use crate::{layout, rust, stack};

/// One template to import.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it was read from, for messages and the module's doc.
    pub label: String,
    /// The stack's verb (`synth <verb>`); also its module's name.
    pub verb: String,
    /// The template, intrinsics in long form (as `inspect::read` gives it).
    pub body: Value,
}

/// The files of the package, relative to its directory, and what each
/// template became.
#[derive(Debug, Clone)]
pub struct Package {
    /// (relative path, contents), in the order they are listed.
    pub files: Vec<(String, String)>,
    /// One per source, in order.
    pub imported: Vec<Imported>,
}

/// Verbs every `synth::run` binary has already.
const TAKEN_VERBS: &[&str] = &["check", "diagram", "diff", "examples", "help", "schema"];

/// The package `name` for `sources`, depending on the crates of the
/// checkout at `lib_path`. Every error names the template it is about.
pub fn package(sources: &[Source], name: &str, lib_path: &Path) -> Result<Package, CommandError> {
    let mut verbs = BTreeSet::new();
    for source in sources {
        check_verb(&source.verb)
            .map_err(|e| CommandError::Input(format!("{}: {e}", source.label)))?;
        if !verbs.insert(source.verb.clone()) {
            return Err(CommandError::Input(format!(
                "{}: a second template for the stack `{}`: give each its own with --name",
                source.label, source.verb
            )));
        }
    }
    let mut files = Vec::new();
    let mut imported = Vec::new();
    let mut features = BTreeSet::new();
    let mut json_macro = false;
    let mut mods = Vec::new();
    let mut stacks = Vec::new();
    for source in sources {
        let module = rust::snake_case(&source.verb);
        let stack_type = format!("{}Stack", rust::camel_case(&source.verb));
        let built = stack::module(&source.body, &source.verb, &stack_type, &source.label)
            .map_err(|e| CommandError::Input(format!("{}: {e}", source.label)))?;
        features.extend(built.features);
        json_macro |= built.json_macro;
        let (text, mut notes) = formatted(built.source);
        notes.extend(built.notes);
        files.push((format!("src/{module}.rs"), text));
        mods.push(format!("mod {module};"));
        stacks.push(format!("&{module}::{stack_type}"));
        imported.push(Imported {
            label: source.label.clone(),
            verb: source.verb.clone(),
            module,
            resources: built.resources,
            notes,
        });
    }
    let labels: Vec<&str> = sources.iter().map(|s| s.label.as_str()).collect();
    let main = format!(
        "//! `{name}`: synth's command line over the stacks `synth import` wrote from\n\
         //! {}.\n\n{}\n\n\
         fn main() -> std::process::ExitCode {{\n\
         synth::run(\n&[{}],\n&[],\nstd::env::args_os(),\n&mut std::io::stdout().lock(),\n&mut std::io::stderr(),\n)\n}}\n",
        sources_phrase(&labels),
        mods.join("\n"),
        stacks.join(", "),
    );
    let (main, _) = formatted(main);
    files.insert(0, ("src/main.rs".to_string(), main));
    files.insert(
        0,
        (
            "Cargo.toml".to_string(),
            manifest(name, lib_path, &features, json_macro, &labels),
        ),
    );
    if let Ok(lock) = std::fs::read_to_string(lib_path.join("Cargo.lock")) {
        // The versions the checkout is tested with; Cargo adds this
        // package to it on the first build.
        files.insert(1, ("Cargo.lock".to_string(), lock));
    }
    Ok(Package { files, imported })
}

fn check_verb(verb: &str) -> Result<(), String> {
    let valid = verb.starts_with(|c: char| c.is_ascii_lowercase())
        && verb
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !verb.ends_with('-');
    if !valid {
        return Err(format!(
            "the stack name {verb:?} is not a command name: lowercase letters, digits and \
             dashes, starting with a letter (give one with --name)"
        ));
    }
    if TAKEN_VERBS.contains(&verb) {
        return Err(format!(
            "the stack name {verb:?} is a command synth already has (give another with --name)"
        ));
    }
    Ok(())
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The templates a package was written from, for the one-line comments of
/// its `main.rs` and `Cargo.toml`: the file for one, a count for more (each
/// module's first line names its own; a list of hundreds would be one line
/// of kilobytes).
fn sources_phrase(labels: &[&str]) -> String {
    match labels {
        [one] => one.replace(['\n', '\r'], " ").replace('`', "'"),
        many => format!("{} templates, one module each", many.len()),
    }
}

fn manifest(
    name: &str,
    lib_path: &Path,
    features: &BTreeSet<String>,
    json_macro: bool,
    labels: &[&str],
) -> String {
    let crate_path =
        |krate: &str| toml_string(&lib_path.join("crates").join(krate).to_string_lossy());
    let features: Vec<String> = features.iter().map(|f| toml_string(f)).collect();
    let mut text = format!(
        "[package]\n\
         name = {}\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\n\
         # Written by `synth import` from {}.\n\
         # A project of its own, not a member of any workspace around it.\n\
         [workspace]\n\n\
         [dependencies]\n\
         # Exactly the services the templates use.\n\
         constructs = {{ path = {}, default-features = false, features = [{}] }}\n\
         framework = {{ path = {} }}\n\
         # synth's command line, without this checkout's own systems.\n\
         synth = {{ path = {}, default-features = false }}\n",
        toml_string(name),
        sources_phrase(labels),
        crate_path("constructs"),
        features.join(", "),
        crate_path("framework"),
        crate_path("synth"),
    );
    if json_macro {
        text.push_str("serde_json = { version = \"1\", features = [\"preserve_order\"] }\n");
    }
    text.push_str(
        "\n# synth's own profile: the generated model compiles faster without debug\n\
         # info, and its dependencies run faster optimised.\n\
         [profile.dev]\ndebug = 0\n\n[profile.dev.package.\"*\"]\nopt-level = 1\n",
    );
    text
}

/// `source` as `cargo fmt` would leave it: laid out in process where
/// [`layout`] knows every construct (every module of the import corpus),
/// else through the rustfmt program, else as indented (with a note) when
/// rustfmt is not there or refuses it.
fn formatted(source: String) -> (String, Vec<Note>) {
    let source = rust::indent(&source);
    if let Some(text) = layout::rustfmt_layout(&source) {
        return (text, Vec::new());
    }
    match rustfmt(&source) {
        Ok(text) => (text, Vec::new()),
        Err(why) => (
            source,
            vec![Note {
                kind: NoteKind::Attention,
                location: "the module".to_string(),
                text: format!("not formatted: {why}; run `cargo fmt` in the package"),
            }],
        ),
    }
}

fn rustfmt(source: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt could not be run ({e})"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let input = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed ({e})"))?;
    let _ = writer.join();
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|e| e.to_string())
    } else {
        Err(format!(
            "rustfmt refused it: {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .next()
                .unwrap_or_default()
        ))
    }
}
