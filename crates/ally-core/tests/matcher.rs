//! The matching semantics of DESIGN.md, as tables: what must be found (and exactly
//! where), and what must not. A small pack written here keeps the tables independent
//! of the built-in packs' content.

use std::sync::Arc;

use ally_core::{Document, Engine, EngineOptions, Format, RuleMask, RuleSet};

const PACK: &str = r#"
[pack]
id = "t"
name = "Test pack"

[[source]]
id = "s"
title = "Test source"
url = "https://example.org/guide"

[[rule]]
id = "whitelist"
terms = ["white list"]
alternatives = ["allowlist", "allow list"]
fix = "allowlist"
explanation = "e"
sources = ["s"]
inflections = ["s", "ed", "ing"]

[[rule]]
id = "master"
terms = ["master"]
alternatives = ["main"]
explanation = "e"
sources = ["s"]
exceptions = ["master's degree", "Master of Science", "Master Boot Record", "ControlMaster"]

[[rule]]
id = "slave"
terms = ["slave"]
alternatives = ["replica"]
explanation = "e"
sources = ["s"]

[[rule]]
id = "first-class-citizen"
terms = ["first class citizen"]
alternatives = ["fully supported"]
explanation = "e"
sources = ["s"]

[[rule]]
id = "crazy"
terms = ["crazy"]
alternatives = ["wild"]
explanation = "e"
sources = ["s"]
inflections = []
"#;

fn scanner(allow: &[&str]) -> Engine {
    let mut set = RuleSet::default();
    set.add_pack("t.toml", PACK, None).unwrap();
    let allow: Vec<String> = allow.iter().map(|s| s.to_string()).collect();
    Engine::new(&set, &allow, EngineOptions::default()).unwrap()
}

/// The (rule, matched text) pairs found in `text`, linted as a source file.
fn found(scanner: &Engine, text: &str) -> Vec<(String, String)> {
    let path: Arc<str> = Arc::from("x.rs");
    scanner
        .check(&Document {
            path: &path,
            text,
            format: Format::Text,
            language: None,
            disabled: &RuleMask::new(),
        })
        .findings
        .into_iter()
        .map(|f| {
            assert_eq!(
                &text[f.start.offset..f.end.offset],
                f.matched,
                "offsets select the match"
            );
            (f.rule.id.trim_start_matches("t/").to_owned(), f.matched)
        })
        .collect()
}

#[test]
fn what_must_be_found() {
    let scanner = scanner(&[]);
    let table: &[(&str, &[(&str, &str)])] = &[
        ("if isWhitelisted(addr) {}", &[("whitelist", "Whitelisted")]),
        ("let masterNode = pick();", &[("master", "master")]),
        ("MASTER_NODE_COUNT = 3", &[("master", "MASTER")]),
        ("master_branch_backup", &[("master", "master")]),
        ("ip_whitelist.add(host)", &[("whitelist", "whitelist")]),
        ("const WHITE_LIST = [];", &[("whitelist", "WHITE_LIST")]),
        ("whiteList.contains(u)", &[("whitelist", "whiteList")]),
        ("the white-list", &[("whitelist", "white-list")]),
        ("the white\nlist", &[("whitelist", "white\nlist")]),
        ("the white\r\n   list", &[("whitelist", "white\r\n   list")]),
        ("XMLWhitelist", &[("whitelist", "Whitelist")]),
        (
            "master2 and 3master",
            &[("master", "master"), ("master", "master")],
        ),
        (
            "blacklisting whitelisting whitelisted",
            &[("whitelist", "whitelisting"), ("whitelist", "whitelisted")],
        ),
        ("masters of the house", &[("master", "masters")]),
        (
            "\"whitelist\" (master)",
            &[("whitelist", "whitelist"), ("master", "master")],
        ),
        ("🎉 The whitelist is gone!", &[("whitelist", "whitelist")]),
        (
            "a first-class citizen",
            &[("first-class-citizen", "first-class citizen")],
        ),
        (
            "a first_class-citizen",
            &[("first-class-citizen", "first_class-citizen")],
        ),
        ("master/slave", &[("master", "master"), ("slave", "slave")]),
        // A rejected match never hides a real one that starts inside it.
        ("remastered master copies", &[("master", "master")]),
        ("remasterMaster", &[("master", "Master")]),
        // An exception that runs past a boundary does not silence the term.
        ("master's degreeless", &[("master", "master")]),
        // no-break space between words
        ("white\u{a0}list", &[("whitelist", "white\u{a0}list")]),
        ("crazy", &[("crazy", "crazy")]),
    ];
    for (text, want) in table {
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(r, m)| (r.to_string(), m.to_string()))
            .collect();
        assert_eq!(found(&scanner, text), want, "in {text:?}");
    }
}

#[test]
fn what_must_not_be_found() {
    let scanner = scanner(&["Whitelist Manager"]);
    let table = [
        "The album was remastered in 2009.",
        "Pay with Mastercard or Visa.",
        "Mail the webmaster; send bounces to the postmaster.",
        "She finished her master's degree last spring.",
        "She finished her master’s degree last spring.",
        "He holds a Master of Science in chemistry.",
        "The Master Boot Record is on sector 0.",
        "Set ControlMaster auto in ssh_config.",
        "It takes years to achieve mastery.",
        "The museum tells the history of enslaved people.",
        "See https://github.com/example/project/blob/master/README.md now.",
        "Clone git@example.com:team/whitelist-tools.git to start.",
        "Write to admin@master.example.org for access.",
        "<https://example.com/whitelist>",
        "Open the Whitelist Manager panel.",
        "crazier and craziest",
        "key MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmasterZ9 end",
        "fAg and FAg are not words",
        "whitelisters",
        "slavery",
    ];
    for text in table {
        assert_eq!(
            found(&scanner, text),
            Vec::<(String, String)>::new(),
            "in {text:?}"
        );
    }
}

#[test]
fn positions_count_lines_characters_and_utf16_units() {
    let scanner = scanner(&[]);
    let text = "a\r\nCafé 🎉 whitelist\rmaster";
    let path: Arc<str> = Arc::from("x.txt");
    let findings = scanner
        .check(&Document {
            path: &path,
            text,
            format: Format::Text,
            language: None,
            disabled: &RuleMask::new(),
        })
        .findings;
    let places: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.start.line,
                f.start.column,
                f.start.column_utf16,
                f.end.column,
            )
        })
        .collect();
    assert_eq!(places, vec![(2, 8, 9, 17), (3, 1, 1, 7)]);
}

#[test]
fn fixes_keep_case_and_are_unsafe_in_code() {
    let scanner = scanner(&[]);
    let text = "Whitelist, WHITELIST, whiteList, white_list, whitelisted.";
    for (kind, safe) in [
        (Format::Text, true),
        (Format::Code, false),
        (Format::Markdown, true),
    ] {
        let path: Arc<str> = Arc::from("x");
        let fixes: Vec<(String, bool)> = scanner
            .check(&Document {
                path: &path,
                text,
                format: kind,
                language: None,
                disabled: &RuleMask::new(),
            })
            .findings
            .into_iter()
            .map(|f| {
                let fix = f.fix.expect("the rule has a fix");
                (
                    fix.edits[0].replacement.clone(),
                    fix.applicability == ally_core::Applicability::Safe,
                )
            })
            .collect();
        let want: Vec<(String, bool)> = [
            "Allowlist",
            "ALLOWLIST",
            "allowList",
            "allow_list",
            "allowlisted",
        ]
        .iter()
        .map(|r| (r.to_string(), safe))
        .collect();
        assert_eq!(fixes, want, "{kind:?}");
    }
}

/// A team's allowed phrase wins even when it spells a term exactly.
#[test]
fn an_allowed_phrase_wins_over_a_term() {
    let scanner = scanner(&["crazy", "white list"]);
    assert_eq!(
        found(&scanner, "crazy whitelist white-list"),
        Vec::<(String, String)>::new()
    );
    assert_eq!(
        found(&scanner, "master"),
        vec![("master".to_owned(), "master".to_owned())]
    );
}
