//! `[[wikilinks]]` in notes. A link names its target either by stable id
//! (`[[actor:12|Hezbollah]]`, which survives renames) or by name (`[[Hezbollah]]`, resolved
//! by the store to an actor, source or note of that name when the note is saved).

use crate::model::LinkTarget;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkSpec {
    ById(LinkTarget, i32),
    ByName(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub spec: LinkSpec,
    /// The text shown for the link: the part after `|`, or the target as written.
    pub label: String,
}

/// Every well-formed `[[…]]` in `body`, in order. Malformed brackets are left as text.
pub fn parse(body: &str) -> Vec<RawLink> {
    let mut links = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let inner = &after[..close];
        rest = &after[close + 2..];
        if inner.contains('\n') || inner.contains("[[") {
            continue;
        }
        let (target, label) = match inner.split_once('|') {
            Some((t, l)) => (t.trim(), l.trim()),
            None => (inner.trim(), inner.trim()),
        };
        if target.is_empty() {
            continue;
        }
        let spec = target
            .split_once(':')
            .and_then(|(kind, id)| Some(LinkSpec::ById(LinkTarget::parse(kind)?, id.trim().parse().ok()?)))
            .unwrap_or_else(|| LinkSpec::ByName(target.to_string()));
        links.push(RawLink { spec, label: label.to_string() });
    }
    links
}

/// `body` with every well-formed `[[…]]` replaced by what `replace` makes of it
/// (malformed brackets stay as written).
pub fn rewrite(body: &str, mut replace: impl FnMut(&RawLink) -> String) -> String {
    rewrite_some(body, |_, link| Some(replace(link)))
}

/// `body` with the well-formed `[[…]]` that `replace` makes something of (given the
/// link as written and as read) replaced by it; every other character stays as written.
pub fn rewrite_some(body: &str, mut replace: impl FnMut(&str, &RawLink) -> Option<String>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let whole = &rest[open..open + 2 + close + 2];
        out.push_str(&rest[..open]);
        match parse(whole).into_iter().next().and_then(|link| replace(whole, &link)) {
            Some(replaced) => out.push_str(&replaced),
            None => out.push_str(whole),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_by_id_and_by_name_are_recognised_with_their_labels() {
        let links = parse("See [[actor:12|Hezbollah]] and [[Joseph Humire]], also [[claim:3]].");
        assert_eq!(
            links,
            vec![
                RawLink { spec: LinkSpec::ById(LinkTarget::Actor, 12), label: "Hezbollah".into() },
                RawLink { spec: LinkSpec::ByName("Joseph Humire".into()), label: "Joseph Humire".into() },
                RawLink { spec: LinkSpec::ById(LinkTarget::Claim, 3), label: "claim:3".into() },
            ]
        );
    }

    #[test]
    fn links_are_rewritten_in_place_and_the_rest_kept() {
        let out =
            rewrite("See [[actor:12|Hezbollah]], [[ ]] and [[Joseph Humire]]. [[open", |l| format!("<{}>", l.label));
        assert_eq!(out, "See <Hezbollah>, [[ ]] and <Joseph Humire>. [[open");
    }

    #[test]
    fn malformed_brackets_and_unknown_prefixes_stay_text_or_names() {
        assert!(parse("[[ ]] [[unclosed").is_empty());
        assert!(parse("[[a\nb]]").is_empty());
        assert_eq!(parse("[[Note: Caracas]]")[0].spec, LinkSpec::ByName("Note: Caracas".into()));
    }
}
