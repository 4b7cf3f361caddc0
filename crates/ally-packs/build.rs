//! Compiles the built-in rule packs (every `rules/*.toml` at the top of the repository,
//! in name order) with the engine's own parser and pattern code, into one blob the
//! crate embeds (see `ally_core::compiled`): start-up parses no TOML and derives no
//! spelling. A broken pack, or two rules claiming one spelling, fails the build with
//! the usual `file:line:column` message.

use std::path::Path;

use ally_core::RuleSet;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the rules/ folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();

    let mut set = RuleSet::default();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a readable pack");
        if let Err(err) = set.add_pack(&format!("rules/{name}"), &text, None) {
            fail(&err);
        }
    }
    let blob = ally_core::compiled::compile(&set).unwrap_or_else(|err| fail(&err));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("packs.bin");
    std::fs::write(out, blob).expect("write packs.bin");
}

#[allow(clippy::print_stderr)]
fn fail(err: &ally_core::SourceError) -> ! {
    eprintln!("a built-in rule pack is invalid: {err}");
    std::process::exit(1);
}
