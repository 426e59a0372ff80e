//! The built-in gazetteer: every UN member and observer state and major territories
//! with their official and short names, demonyms and capitals, plus regions,
//! international organizations, agencies and armed groups often named in this field.
//! Written for this project from public facts (`gazetteer.tsv`, one actor per line).

use crate::model::ActorKind;

/// One actor of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: ActorKind,
    pub name: &'static str,
    /// Other names of the actor itself (official names, abbreviations, spellings).
    pub aliases: Vec<&'static str>,
    /// Adjectives and nouns for its people; they stand for the state only in context.
    pub demonyms: Vec<&'static str>,
    /// Seats of government; they stand for the state only as the subject of an act.
    pub capitals: Vec<&'static str>,
}

const DATA: &str = include_str!("gazetteer.tsv");

/// Every entry of the built-in gazetteer, in file order.
pub fn builtin() -> Vec<Entry> {
    DATA.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(parse_line).collect()
}

fn parse_line(line: &'static str) -> Option<Entry> {
    let mut fields = line.split('\t');
    let kind = ActorKind::parse(fields.next()?)?;
    let name = fields.next()?.trim();
    let list = |field: Option<&'static str>| -> Vec<&'static str> {
        field.unwrap_or("").split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
    };
    let (aliases, demonyms, capitals) = (list(fields.next()), list(fields.next()), list(fields.next()));
    (!name.is_empty()).then_some(Entry { kind, name, aliases, demonyms, capitals })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_name;
    use std::collections::HashMap;

    #[test]
    fn every_line_parses_into_an_entry() {
        let lines = DATA.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        let entries = builtin();
        assert_eq!(entries.len(), lines, "a line failed to parse");
        for line in DATA.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            assert_eq!(line.split('\t').count(), 5, "not five fields: {line:?}");
        }
    }

    #[test]
    fn it_covers_the_un_members_and_observers() {
        let states = builtin().into_iter().filter(|e| e.kind == ActorKind::State).count();
        assert!(states >= 193 + 2, "{states} states");
        let find = |name: &str| builtin().into_iter().find(|e| e.name == name).unwrap();
        let iran = find("Iran");
        assert!(iran.aliases.contains(&"Islamic Republic of Iran"));
        assert_eq!((iran.demonyms[0], iran.capitals[0]), ("Iranian", "Tehran"));
        assert!(iran.aliases.contains(&"Irán") && iran.demonyms.contains(&"iraní"));
        assert!(find("United States").aliases.contains(&"U.S."));
        assert_eq!(find("Hezbollah").kind, ActorKind::ArmedGroup);
    }

    #[test]
    fn no_name_belongs_to_two_actors() {
        let mut owners: HashMap<String, &str> = HashMap::new();
        let mut clashes = Vec::new();
        for entry in builtin() {
            let names =
                std::iter::once(entry.name).chain(entry.aliases.iter().copied()).chain(entry.demonyms.iter().copied());
            for name in names.chain(entry.capitals.iter().copied()) {
                if let Some(owner) = owners.insert(normalize_name(name), entry.name) {
                    if owner != entry.name {
                        clashes.push(format!("{name}: {owner} and {}", entry.name));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{}", clashes.join("\n"));
    }
}
