//! Who is speaking, end to end: the seed briefing's 17 turns against its
//! hand-made gold (names, outlets, roles), and the registry option.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> Vec<Value> {
    let out = Command::cargo_bin("turnstream")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--enrich", "none"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn seed_briefing_all_17_speakers() {
    let recs = run(&["examples/blinken-stockholm-2021-12-02.txt"]);
    assert_eq!(recs.len(), 17);
    // (label, name, role, affiliation) for each turn, from the seed's gold
    let want: [(&str, Option<&str>, &str, Option<&str>); 17] = [
        (
            "SECRETARY BLINKEN",
            Some("Secretary Blinken"),
            "official",
            None,
        ),
        ("MR PRICE", Some("Mr Price"), "moderator", None),
        (
            "QUESTION",
            Some("Francesco Fontemaggi"),
            "questioner",
            Some("AFP"),
        ),
        (
            "SECRETARY BLINKEN",
            Some("Secretary Blinken"),
            "official",
            None,
        ),
        ("MR PRICE", Some("Mr Price"), "moderator", None),
        (
            "QUESTION",
            Some("Will Mauldin"),
            "questioner",
            Some("The Wall Street Journal"),
        ),
        (
            "SECRETARY BLINKEN",
            Some("Secretary Blinken"),
            "official",
            None,
        ),
        ("MR PRICE", Some("Mr Price"), "moderator", None),
        (
            "QUESTION",
            Some("Missy Ryan"),
            "questioner",
            Some("The Washington Post"),
        ),
        (
            "SECRETARY BLINKEN",
            Some("Secretary Blinken"),
            "official",
            None,
        ),
        (
            "QUESTION",
            Some("Missy Ryan"),
            "questioner",
            Some("The Washington Post"),
        ),
        (
            "SECRETARY BLINKEN",
            Some("Secretary Blinken"),
            "official",
            None,
        ),
        ("MR PRICE", Some("Mr Price"), "moderator", None),
        (
            "QUESTION",
            Some("Pontus Ahlkvist"),
            "questioner",
            Some("TT"),
        ),
        (
            "SECRETARY BLINKEN",
            Some("Secretary Blinken"),
            "official",
            None,
        ),
        ("MR PRICE", Some("Mr Price"), "moderator", None),
        (
            "SECRETARY BLINKEN",
            Some("Secretary Blinken"),
            "official",
            None,
        ),
    ];
    for (r, (label, name, role, aff)) in recs.iter().zip(want) {
        let sp = &r["speaker"];
        assert_eq!(sp["label"], label, "{r}");
        assert_eq!(sp["name"].as_str(), name, "{r}");
        assert_eq!(sp["role"], role, "{r}");
        assert_eq!(sp["affiliation"].as_str(), aff, "{r}");
    }
    // how each name was found
    assert_eq!(recs[2]["speaker"]["attribution"], "introduced");
    assert_eq!(
        recs[10]["speaker"]["attribution"], "introduced",
        "the follow-up keeps it"
    );
    assert_eq!(recs[0]["speaker"]["attribution"], "label");
    assert_eq!(recs[0]["speaker"]["title"], "Secretary");
}

/// The same against the gold file itself, when ../shared is there (CI).
#[test]
fn seed_briefing_matches_gold_file() {
    let gold = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/state-dept-seed/gold.jsonl");
    let gold: Vec<Value> = std::fs::read_to_string(&gold)
        .expect("../shared/corpus/state-dept-seed/gold.jsonl (CI has it)")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let recs = run(&["examples/blinken-stockholm-2021-12-02.txt"]);
    assert_eq!(gold.len(), recs.len());
    for (g, r) in gold.iter().zip(&recs) {
        assert_eq!(g["first_line"], r["line_start"]);
        assert_eq!(g["speaker"], r["speaker"]["label"]);
        if let Some(n) = g.get("speaker_name") {
            assert_eq!(n, &r["speaker"]["name"]);
            assert_eq!(g["affiliation"], r["speaker"]["affiliation"]);
            assert_eq!(g["role"], r["speaker"]["role"]);
        }
    }
}

#[test]
fn registry_file_names_labels() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("speakers.toml");
    std::fs::write(
        &reg,
        r#"
[[speaker]]
labels = ["MR PRICE"]
name = "Ned Price"
role = "moderator"
title = "Department Spokesperson"
affiliation = "U.S. Department of State"
sources = ["**/blinken-*"]

[[speaker]]
labels = ["MR PRICE"]
name = "Somebody Else"
sources = ["**/nowhere/**"]
"#,
    )
    .unwrap();
    let recs = run(&[
        "--speakers",
        reg.to_str().unwrap(),
        "examples/blinken-stockholm-2021-12-02.txt",
    ]);
    let sp = &recs[1]["speaker"];
    assert_eq!(sp["name"], "Ned Price");
    assert_eq!(sp["attribution"], "registry");
    assert_eq!(sp["title"], "Department Spokesperson");
    assert_eq!(sp["affiliation"], "U.S. Department of State");
    // a bad registry names the problem and exits 1
    std::fs::write(&reg, "[[speaker]]\nlabels = [\"X\"]\nrole = \"boss\"\n").unwrap();
    let out = Command::cargo_bin("turnstream")
        .unwrap()
        .args(["--speakers", reg.to_str().unwrap(), "-"])
        .write_stdin("X: hi\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("speaker[0].role"));
}

#[test]
fn questioners_who_name_themselves() {
    // a Pentagon-style briefing: no one introduces the questioners, they
    // name themselves and their outlet; the name holds for that turn only
    // (the next `Q` may be someone else: here nothing says who)
    let recs = run(&["tests/fixtures/pentagon.txt"]);
    let sp = |i: usize, k: &str| recs[i]["speaker"][k].as_str().map(str::to_string);
    assert_eq!(sp(1, "name").as_deref(), Some("Margaret Hollis"));
    assert_eq!(sp(1, "title").as_deref(), Some("Secretary Of Defense"));
    assert_eq!(sp(2, "name").as_deref(), Some("Tom Brennan"));
    assert_eq!(sp(2, "affiliation").as_deref(), Some("Metro Radio"));
    assert_eq!(sp(2, "attribution").as_deref(), Some("document"));
    assert_eq!(sp(3, "name").as_deref(), Some("Margaret Hollis"));
    assert_eq!(sp(4, "name"), None);
    assert_eq!(sp(6, "name").as_deref(), Some("Lena Park"));
    assert_eq!(sp(6, "affiliation").as_deref(), Some("Harbor Times"));
}

#[test]
fn federal_court_witness_line_names_the_answers() {
    // `MARY CHEN, GOVERNMENT'S WITNESS, SWORN` centred after counsel's turn,
    // then `DIRECT EXAMINATION` / `BY MR. JONES:`: the `Q` turns are Mr.
    // Jones's, the `A` turns the witness's; the headings are in no turn
    let recs = run(&["tests/fixtures/federal-court.txt"]);
    assert_eq!(recs[3]["text"], "The government calls Officer Mary Chen.");
    assert_eq!(recs[3]["line_end"], 5);
    let named: Vec<(&str, &str)> = recs
        .iter()
        .filter(|r| matches!(r["speaker"]["label"].as_str(), Some("Q" | "A")))
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap(),
                r["speaker"]["name"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            ("Q", "Mr. Jones"),
            ("A", "Mary Chen"),
            ("Q", "Mr. Jones"),
            ("A", "Mary Chen"),
            ("Q", "Mr. Jones"),
            ("A", "Mary Chen")
        ]
    );
}
