//! Exports: safe names, links that resolve, the same bytes twice, all-or-nothing writes,
//! and a lossless JSON round trip.

use super::*;
use dossier_core::export::{self, Format, Scope};
use std::collections::BTreeMap;

/// Every file under `root`, as relative path → bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The `[[target|label]]` links of a Markdown file, skipping backslash-escaped brackets.
fn wikilinks(markdown: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = markdown.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            plain.push('_');
        } else {
            plain.push(c);
        }
    }
    let mut links = Vec::new();
    let mut rest = plain.as_str();
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let inner = &after[..close];
        links.push(inner.split('|').next().unwrap().to_string());
        rest = &after[close + 2..];
    }
    links
}

/// A library with hostile names, claims with citations, a tagged source and a note.
fn library() -> (tempfile::TempDir, Store, i32) {
    let (dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &["Islamic Republic"]);
    let hostile: Vec<i32> = ["../../x", "CON", "a/b", "name]] [[evil", "Maduro", "maduro", &"é".repeat(150)]
        .iter()
        .map(|n| actor(&mut store, n, ActorKind::Person, &[]))
        .collect();
    let (s, e) = (ARTICLE.find("Iran signed").unwrap() as i32, ARTICLE.find(" “The alliance").unwrap() as i32);
    let start = ARTICLE[..s as usize].chars().count() as i32;
    let end = ARTICLE[..e as usize].chars().count() as i32;
    for &other in &hostile {
        store
            .cite_claim(&CitedClaim {
                source_id: source,
                start,
                end,
                subject_id: iran,
                relation: Relation::SignsAgreementWith,
                relation_text: None,
                object_id: Some(other),
                date: Some("2022".into()),
                attributed_to_id: None,
                certainty: Certainty::Reported,
            })
            .unwrap();
    }
    store.tag_source(source, "Bolivia file").unwrap();
    store
        .insert_note("Open [[questions]]", "Is [[Iran]] behind [[actor:4|a/b]]? Unknown: [[Nobody]]. Raw ]] [[ text.")
        .unwrap();
    (dir, store, iran)
}

#[test]
fn the_vault_has_safe_names_and_every_link_resolves_inside_it() {
    let (dir, store, _) = library();
    let out = dir.path().join("vault");
    let report = export::export(&store, Format::Vault, &Scope::All, &out).unwrap();
    assert_eq!((report.actors, report.claims, report.sources), (8, 7, 1));
    let written = files(&out);
    let names: Vec<&str> = written.keys().map(String::as_str).collect();
    for expected in [
        "Actors/_.._x.md",
        "Actors/CON_.md",
        "Actors/a_b.md",
        "Actors/name__ __evil.md",
        "Actors/Maduro.md",
        "Actors/maduro (2).md",
        "Index.md",
        ".dossier-export",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    let long = names.iter().find(|n| n.starts_with("Actors/éé")).unwrap();
    assert!(long.len() <= "Actors/".len() + 120 + ".md".len());
    // Nothing escaped the folder: the parent holds only the store, its WAL files and the export.
    let beside: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(beside.iter().all(|n| n.starts_with("library.dossier") || n == "vault"), "{beside:?}");

    let mut links = 0;
    for (name, bytes) in &written {
        if !name.ends_with(".md") {
            continue;
        }
        let markdown = String::from_utf8(bytes.clone()).unwrap();
        for target in wikilinks(&markdown) {
            links += 1;
            assert!(written.contains_key(&format!("{target}.md")), "{name} links to missing {target}");
        }
    }
    assert!(links > 20, "only {links} links");
    let iran = String::from_utf8(written["Actors/Iran.md"].clone()).unwrap();
    assert!(
        iran.starts_with("---\nid: 1\nname: \"Iran\"\nkind: \"state\"\naliases:\n  - \"Islamic Republic\"\n"),
        "{iran}"
    );
    assert!(
        iran.contains("[^1]: “Iran signed a cooperation agreement with Venezuela in 2022, officials said.”"),
        "{iran}"
    );
    assert!(iran.contains("SHA-256 "));
    let note = String::from_utf8(written["Notes/Open __questions__.md"].clone()).unwrap();
    assert!(
        note.contains("Is [[Actors/Iran|Iran]] behind [[Actors/a_b|a/b]]? Unknown: Nobody. Raw \\]\\] \\[\\[ text."),
        "{note}"
    );
    let source = String::from_utf8(written.iter().find(|(n, _)| n.starts_with("Sources/")).unwrap().1.clone()).unwrap();
    assert!(source.contains("  - \"Bolivia-file\"") && source.contains("## Highlights"), "{source}");
}

#[test]
fn the_same_store_exports_the_same_bytes() {
    let (dir, store, _) = library();
    for format in Format::ALL {
        let first = dir.path().join(format!("{}-1", format.as_str()));
        let second = dir.path().join(format!("{}-2", format.as_str()));
        export::export(&store, *format, &Scope::All, &first).unwrap();
        export::export(&store, *format, &Scope::All, &second).unwrap();
        assert_eq!(files(&first), files(&second), "{format:?}");
    }
}

#[test]
fn an_export_replaces_an_earlier_one_and_never_a_folder_of_other_files() {
    let (dir, store, _) = library();
    let out = dir.path().join("out");
    export::export(&store, Format::Csv, &Scope::All, &out).unwrap();
    std::fs::write(out.join("mine.txt"), "the analyst's own").unwrap();
    export::export(&store, Format::Gexf, &Scope::All, &out).unwrap();
    let now: Vec<String> = files(&out).into_keys().collect();
    assert_eq!(
        now,
        [".dossier-export", "dossier.gexf", "mine.txt"],
        "the earlier export's files are replaced, theirs stay"
    );

    let precious = dir.path().join("precious");
    std::fs::create_dir(&precious).unwrap();
    std::fs::write(precious.join("thesis.md"), "mine").unwrap();
    let err = export::export(&store, Format::Vault, &Scope::All, &precious).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(files(&precious).into_keys().collect::<Vec<_>>(), ["thesis.md"]);

    // A failure while writing leaves neither the folder nor a temporary one.
    let failed = dir.path().join("failed");
    let scope = Scope::Tag { tag: "Bolivia file".into() };
    assert_eq!(export::export(&store, Format::Json, &scope, &failed).unwrap_err().code(), ErrorCode::InvalidInput);
    let left: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!left.iter().any(|n| n == "failed" || n.contains("partial")), "{left:?}");
}

/// A vault exported, then opened in Obsidian: it gains `.obsidian/`, a note of the
/// analyst's and an edit to one of our pages. Exporting again replaces only our
/// unchanged pages, keeps theirs, and keeps the edited page beside the new one.
#[test]
fn exporting_again_over_a_vault_keeps_what_the_analyst_added_or_changed_there() {
    let (dir, store, _) = library();
    let vault = dir.path().join("vault");
    export::export(&store, Format::Vault, &Scope::All, &vault).unwrap();
    let before = files(&vault);
    let edited = before.keys().find(|k| k.starts_with("Actors/")).unwrap().clone();
    let untouched = before.keys().filter(|k| k.starts_with("Actors/")).nth(1).unwrap().clone();
    std::fs::create_dir_all(vault.join(".obsidian/plugins")).unwrap();
    std::fs::write(vault.join(".obsidian/app.json"), "{\"theme\":\"dark\"}").unwrap();
    std::fs::write(vault.join(".obsidian/plugins/data.json"), "{}").unwrap();
    std::fs::write(vault.join("My hypotheses.md"), "# My hypotheses\n\nSee [[Index]].").unwrap();
    std::fs::write(vault.join("Actors/Notes on couriers.md"), "mine too").unwrap();
    let mut changed = before[&edited].clone();
    changed.extend_from_slice(b"\nAnalyst's comment: check the 2019 shipment.\n");
    std::fs::write(vault.join(&edited), &changed).unwrap();
    std::fs::remove_file(vault.join(&untouched)).unwrap();

    let report = export::export(&store, Format::Vault, &Scope::All, &vault).unwrap();
    let after = files(&vault);
    assert_eq!(after[".obsidian/app.json"], b"{\"theme\":\"dark\"}");
    assert!(after.contains_key(".obsidian/plugins/data.json"));
    assert_eq!(after["My hypotheses.md"], b"# My hypotheses\n\nSee [[Index]].");
    assert_eq!(after["Actors/Notes on couriers.md"], b"mine too");
    assert_eq!(after[&edited], before[&edited], "our page is written anew");
    assert_eq!(after[&untouched], before[&untouched], "a page deleted by hand comes back");
    let aside = edited.replace(".md", " (edited).md");
    assert_eq!(after[&aside], changed, "their edit is kept beside it");
    assert_eq!(report.kept_edited, [aside.clone()]);

    // Once more, nothing changed: nothing new is set aside, their files still stay.
    let again = export::export(&store, Format::Vault, &Scope::All, &vault).unwrap();
    assert!(again.kept_edited.is_empty(), "{:?}", again.kept_edited);
    assert_eq!(files(&vault), after);
}

/// A folder exported by an earlier Dossier, whose marker lists no files: its pages of
/// the same names are replaced quietly (not all set aside as edited), its other files stay.
#[test]
fn exporting_over_an_export_from_before_markers_listed_files_replaces_its_pages_quietly() {
    let (dir, store, _) = library();
    let vault = dir.path().join("vault");
    export::export(&store, Format::Vault, &Scope::All, &vault).unwrap();
    let before = files(&vault);
    std::fs::write(vault.join(export::MARKER), "Dossier export (vault)\n").unwrap();
    let page = before.keys().find(|k| k.starts_with("Actors/")).unwrap().clone();
    std::fs::write(vault.join(&page), "an old release's page").unwrap();
    std::fs::write(vault.join("Actors/Gone since.md"), "a page of an actor since merged").unwrap();
    let report = export::export(&store, Format::Vault, &Scope::All, &vault).unwrap();
    assert!(report.kept_edited.is_empty(), "{:?}", report.kept_edited);
    let after = files(&vault);
    assert_eq!(after[&page], before[&page]);
    assert!(after.contains_key("Actors/Gone since.md"), "what the new export does not write stays");
}

#[test]
fn scopes_choose_an_actors_neighbourhood_a_tag_or_a_date_range() {
    let (dir, mut store, iran) = library();
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &[]);
    let lebanon = actor(&mut store, "Lebanon", ActorKind::State, &[]);
    claim(&mut store, hezbollah, Relation::ProxyOf, iran, "");
    claim(&mut store, lebanon, Relation::Opposes, hezbollah, "");
    let count = |scope: Scope, name: &str| {
        let report = export::export(&store, Format::Csv, &scope, &dir.path().join(name)).unwrap();
        (report.actors, report.claims, report.sources)
    };
    assert_eq!(count(Scope::Actor { id: hezbollah, hops: 0 }, "h0"), (1, 0, 0));
    assert_eq!(count(Scope::Actor { id: hezbollah, hops: 1 }, "h1"), (3, 2, 0));
    assert_eq!(
        count(Scope::Actor { id: lebanon, hops: 2 }, "h2"),
        (3, 2, 0),
        "Iran is two hops away, its partners three"
    );
    assert_eq!(count(Scope::Actor { id: lebanon, hops: 3 }, "h3"), (10, 9, 1));
    assert_eq!(count(Scope::Tag { tag: "Bolivia file".into() }, "tag"), (8, 7, 1));
    assert_eq!(count(Scope::Dates { from: Some("2022-06".into()), to: Some("2023".into()) }, "dates").1, 9);
    assert_eq!(count(Scope::Dates { from: Some("2023".into()), to: None }, "later").1, 0);
    let missing = export::export(&store, Format::Csv, &Scope::Actor { id: 999, hops: 1 }, &dir.path().join("m"));
    assert_eq!(missing.unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn the_json_export_restores_every_row_into_a_new_store() {
    let (dir, mut store, iran) = library();
    // Decisions, merges and suggestions travel too.
    let source = store.source_ids().unwrap()[0];
    store.replace_suggestions(source, &[super::actor_suggestion("X")]).unwrap();
    let twin = actor(&mut store, "Iran (duplicate)", ActorKind::State, &[]);
    store.merge_actors(iran, twin).unwrap();

    let out = dir.path().join("json");
    export::export(&store, Format::Json, &Scope::All, &out).unwrap();
    let restored_path = dir.path().join("restored.dossier");
    let mut restored = Store::open(&restored_path).unwrap();
    export::import_json(&mut restored, &out).unwrap();
    assert_eq!(restored.dump().unwrap(), store.dump().unwrap(), "every row of every table, ids included");
    assert_eq!(restored.stats().unwrap(), store.stats().unwrap());
    assert_eq!(hits(&restored, "cooperation", SearchKind::Source), hits(&store, "cooperation", SearchKind::Source));
    assert_eq!(restored.source_original(source).unwrap(), store.source_original(source).unwrap());

    // Only into an empty store of the same version.
    assert_eq!(export::import_json(&mut restored, &out).unwrap_err().code(), ErrorCode::InvalidInput);
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "{\"format\": \"something else\"}").unwrap();
    let mut empty = Store::open(&dir.path().join("empty.dossier")).unwrap();
    assert_eq!(export::import_json(&mut empty, &garbage).unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(empty.stats().unwrap(), Stats::default(), "a refused import writes nothing");
}

#[test]
fn the_briefing_is_one_printable_page_where_names_stay_text() {
    let (dir, mut store, iran) = library();
    let hostile = actor(&mut store, "<script>alert(1)</script> & Co", ActorKind::Organization, &[]);
    claim(&mut store, hostile, Relation::Funds, iran, "");
    let out = dir.path().join("briefing");
    let report = export::export(&store, Format::Briefing, &Scope::Actor { id: iran, hops: 1 }, &out).unwrap();
    assert_eq!(report.files, ["briefing.md", "briefing.html", ".dossier-export"]);
    let html = std::fs::read_to_string(out.join("briefing.html")).unwrap();
    assert!(!html.to_lowercase().contains("<script"), "no script in the page");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("@media print") && html.contains("default-src 'none'"));
    assert!(html.contains("<h1>Briefing: Iran and the actors 1 claim away</h1>"));
    assert!(html.contains("“Iran signed a cooperation agreement with Venezuela in 2022, officials said.”"));
    let markdown = std::fs::read_to_string(out.join("briefing.md")).unwrap();
    assert!(markdown.contains("| Iran | state |  | 8 | 1 |"), "{markdown}");
    assert!(markdown.contains("## Timeline\n\n- 2022 — Iran signs agreement with"), "{markdown}");
    assert!(markdown.contains("\\<script\\>"), "markup in names is escaped in Markdown too");
}

#[test]
fn a_crafted_json_export_with_prototype_keys_or_unknown_tables_is_refused_whole() {
    let (dir, store, _) = library();
    let out = dir.path().join("json");
    export::export(&store, Format::Json, &Scope::All, &out).unwrap();
    let genuine = std::fs::read_to_string(out.join("dossier.json")).unwrap();
    for (what, crafted) in [
        (
            "a __proto__ column",
            genuine.replacen("\"name\": \"Iran\"", "\"__proto__\": {\"polluted\": 1}, \"name\": \"Iran\"", 1),
        ),
        ("an unknown table", genuine.replacen("\"name\": \"actors\"", "\"name\": \"sqlite_master\"", 1)),
        (
            "a column that is SQL",
            genuine.replacen(
                "\"name\": \"Iran\"",
                "\"name) VALUES (1); DROP TABLE sources; --\": 1, \"name\": \"Iran\"",
                1,
            ),
        ),
    ] {
        assert_ne!(crafted, genuine, "{what}: the crafted file differs");
        let file = dir.path().join("crafted.json");
        std::fs::write(&file, crafted).unwrap();
        let mut fresh = Store::open(&dir.path().join(format!("{}.dossier", what.replace(' ', "-")))).unwrap();
        let err = export::import_json(&mut fresh, &file).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{what}: {err}");
        assert_eq!(fresh.stats().unwrap(), Stats::default(), "{what}: nothing written");
    }
}

#[test]
fn accepted_quotations_reach_the_actor_page_and_every_export() {
    use dossier_core::import::{self, FileOutcome, ImportOptions};
    let (dir, _path, mut store) = temp_store();
    let report = import::import_paths(&mut store, &[fixture("extract/es-cooperacion.txt")], &ImportOptions::default());
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{report:?}") };
    let quotes: Vec<i32> = store
        .list_suggestions(Some(source_id), Some(SuggestionKind::Quote), None, PageRequest::new(0, 500))
        .unwrap()
        .items
        .iter()
        .map(|s| s.id)
        .collect();
    assert!(quotes.len() >= 2, "{quotes:?}");
    for id in &quotes {
        store.accept_suggestion(*id).unwrap();
    }
    let maduro = store.find_actors_by_name("Nicolás Maduro").unwrap()[0];
    let page = store.actor_quotations(maduro, PageRequest::new(0, 50)).unwrap();
    assert_eq!(page.total as usize, quotes.len(), "{page:?}");
    let spoken: Vec<&str> = page.items.iter().map(|c| c.exact.as_str()).collect();
    assert!(spoken.iter().any(|q| q.starts_with("Venezuela no está sola")), "{spoken:?}");
    // A quotation naming Iran shows on Iran's page too, once Iran is linked there.
    let iran_suggestion = store
        .list_suggestions(Some(source_id), Some(SuggestionKind::Actor), None, PageRequest::new(0, 500))
        .unwrap()
        .items
        .into_iter()
        .find(|s| s.label.starts_with("Irán") || s.label.starts_with("Iran"))
        .unwrap();
    store.accept_suggestion(iran_suggestion.id).unwrap();
    let iran = store.find_actors_by_name("Irán").unwrap()[0];
    let about = store.actor_quotations(iran, PageRequest::new(0, 50)).unwrap();
    assert!(about.items.iter().any(|c| c.exact.contains("hermanos de Irán")), "{about:?}");

    let written = |format: Format, scope: &Scope, name: &str| {
        let out = dir.path().join(name);
        export::export(&store, format, scope, &out).unwrap();
        files(&out)
            .into_iter()
            .filter(|(n, _)| !n.starts_with('.'))
            .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let all = Scope::All;
    let exports = [
        ("vault", written(Format::Vault, &all, "vault")),
        ("briefing", written(Format::Briefing, &all, "briefing")),
        ("csv", written(Format::Csv, &all, "csv")),
        ("json", written(Format::Json, &all, "json")),
        ("ftm", written(Format::Ftm, &all, "ftm")),
        ("vault of Maduro's network", written(Format::Vault, &Scope::Actor { id: maduro, hops: 0 }, "maduro")),
    ];
    for quote in &spoken {
        let words: String = quote.chars().take(24).collect();
        for (name, text) in &exports {
            assert!(text.contains(&words), "{name} misses “{words}”");
        }
    }
    let vault = files(&dir.path().join("vault"));
    let page = String::from_utf8(vault["Actors/Nicolás Maduro.md"].clone()).unwrap();
    assert!(page.contains("## Quotations\n\n- “Venezuela no está sola"), "{page}");
}

#[test]
fn the_briefing_renders_notes_as_markdown_with_links_to_their_sections_and_actor_descriptions() {
    use dossier_core::history;
    let (dir, mut store, iran) = library();
    history::set_actor_description(&mut store, iran, "Islamic Republic; backs the Axis of Resistance.").unwrap();
    let body = "# The axis\n\nIran arms **its allies**,\nsee [[actor:1|the Islamic Republic]] and [[CON]].\n\n\
                <script>alert(1)</script> [a trap](javascript:alert(1)) ![a picture](https://example.org/x.png)\n\n\
                - first\n- second";
    store.insert_note("Working theory", body).unwrap();
    let out = dir.path().join("briefing");
    export::export(&store, Format::Briefing, &Scope::All, &out).unwrap();
    let markdown = std::fs::read_to_string(out.join("briefing.md")).unwrap();
    assert!(markdown.contains("Islamic Republic; backs the Axis of Resistance."), "the description: {markdown}");
    assert!(markdown.contains("#### The axis"), "the note's heading under its title: {markdown}");
    assert!(
        markdown.contains("Iran arms **its allies**,  \nsee [the Islamic Republic](#actors) and [CON](#actors)."),
        "links to the actors' section, the line break kept: {markdown}"
    );
    assert!(markdown.contains("\\<script>alert(1)\\</script>"), "HTML in a note is escaped: {markdown}");

    let html = std::fs::read_to_string(out.join("briefing.html")).unwrap();
    assert!(html.contains("<tr id=\"actor-1\"><td>Iran</td>"), "{html}");
    assert!(html.contains("Islamic Republic; backs the Axis of Resistance."));
    let note = &html[html.find("Working theory</h3>").unwrap()..];
    let note = &note[..note.find("</div>").unwrap()];
    assert!(note.contains("<h4>The axis</h4>"), "{note}");
    assert!(note.contains("Iran arms <strong>its allies</strong>,<br />"), "{note}");
    assert!(note.contains("<a href=\"#actor-1\">the Islamic Republic</a>"), "{note}");
    assert!(note.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "HTML in a note stays text: {note}");
    assert!(
        !note.contains("href=\"javascript") && note.contains("a trap"),
        "a link that could run is its words: {note}"
    );
    assert!(!note.contains("<img") && note.contains("a picture"), "a picture is its words: {note}");
    assert!(note.contains("<li>first</li>"), "{note}");
    assert!(!html.to_lowercase().contains("<script"), "no script in the page");
}

#[test]
fn grades_reach_the_vault_the_briefing_and_the_followthemoney_entities() {
    let (dir, mut store, iran) = library();
    let source = store.list_sources(SourceSort::default(), PageRequest::default()).unwrap().items[0].id;
    dossier_core::history::grade_source(&mut store, source, Some(Reliability::C)).unwrap();
    let claim = store.list_claims(ClaimFilter::default(), PageRequest::default()).unwrap().items[0].id;
    dossier_core::history::grade_claim(&mut store, claim, Some(5)).unwrap();
    let at = |format: Format| {
        let out = dir.path().join(format.as_str());
        export::export(&store, format, &Scope::All, &out).unwrap();
        files(&out)
    };
    let text = |bytes: &Vec<u8>| String::from_utf8(bytes.clone()).unwrap();

    let vault = at(Format::Vault);
    let source_page = vault.iter().find(|(name, _)| name.starts_with("Sources/")).map(|(_, b)| text(b)).unwrap();
    assert!(source_page.contains("\nreliability: \"C\"\n"), "{source_page}");
    let iran_page = text(&vault["Actors/Iran.md"]);
    // A claim the person graded 5, the others suggested: reported in the source's voice, 3.
    assert!(iran_page.contains("graded C5"), "{iran_page}");
    assert!(iran_page.contains("graded C3"), "{iran_page}");
    assert!(iran_page.contains(", reliability C, SHA-256 "), "{iran_page}");

    let briefing = at(Format::Briefing);
    let markdown = text(&briefing["briefing.md"]);
    assert!(markdown.contains("reported, graded C5)"), "{markdown}");
    assert!(markdown.contains(", reliability C"), "{markdown}");
    assert!(text(&briefing["briefing.html"]).contains("graded C3"));

    let ftm = text(&at(Format::Ftm)["entities.ftm.json"]);
    assert!(ftm.contains("Reliability C (Fairly reliable)"), "{ftm}");
    assert!(ftm.contains("reported by the source; graded C5 (Fairly reliable; Improbable)"), "{ftm}");
    let _ = iran;
}
