//! The network as graph files: actors as nodes (kind, aliases), claims as edges
//! (relation, date, certainty, number of sources, citation ids) — GEXF 1.3 for Gephi,
//! GraphML for networkx, yEd and Cytoscape. Both are directed multigraphs: two claims
//! between the same actors are two edges.

use super::xml::escape;
use super::{Output, Selection};
use crate::model::Claim;
use crate::Result;
use std::fmt::Write;

/// Claims that join two exported actors (a claim with no actor as object is no edge).
fn edges<'s>(selection: &'s Selection<'_>) -> impl Iterator<Item = (&'s Claim, i32)> + 's {
    selection.claims.iter().filter_map(move |c| {
        let object = c.object.as_ref()?.id;
        (selection.has_actor(c.subject.id) && selection.has_actor(object)).then_some((*c, object))
    })
}

fn citation_ids(selection: &Selection<'_>, claim: i32) -> String {
    selection.citations_of(claim).map(|c| c.id.to_string()).collect::<Vec<_>>().join(" ")
}

fn aliases(actor: &crate::model::Actor) -> String {
    actor.aliases.iter().filter(|a| **a != actor.name).cloned().collect::<Vec<_>>().join(" | ")
}

pub fn write_gexf(selection: &Selection<'_>, output: &mut Output) -> Result<()> {
    let mut x = String::new();
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(x, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#);
    let _ = writeln!(
        x,
        r#"  <meta><creator>Dossier</creator><description>Actors and the claims between them</description></meta>"#
    );
    let _ = writeln!(x, r#"  <graph mode="static" defaultedgetype="directed">"#);
    let _ = writeln!(x, r#"    <attributes class="node">"#);
    let _ = writeln!(x, r#"      <attribute id="kind" title="kind" type="string"/>"#);
    let _ = writeln!(x, r#"      <attribute id="aliases" title="aliases" type="string"/>"#);
    let _ = writeln!(x, r#"    </attributes>"#);
    let _ = writeln!(x, r#"    <attributes class="edge">"#);
    for (id, kind) in [
        ("relation", "string"),
        ("date", "string"),
        ("certainty", "string"),
        ("attributed_to", "string"),
        ("sources", "integer"),
        ("citations", "string"),
        ("independent_sources", "integer"),
        ("grade", "string"),
        ("reliability", "string"),
        ("credibility", "integer"),
    ] {
        let _ = writeln!(x, r#"      <attribute id="{id}" title="{id}" type="{kind}"/>"#);
    }
    let _ = writeln!(x, r#"    </attributes>"#);
    let _ = writeln!(x, "    <nodes>");
    for a in &selection.actors {
        let _ = writeln!(
            x,
            r#"      <node id="a{}" label="{}"><attvalues><attvalue for="kind" value="{}"/><attvalue for="aliases" value="{}"/></attvalues></node>"#,
            a.id,
            escape(&a.name),
            a.kind.as_str(),
            escape(&aliases(a))
        );
    }
    let _ = writeln!(x, "    </nodes>");
    let _ = writeln!(x, "    <edges>");
    for (c, object) in edges(selection) {
        let _ = writeln!(
            x,
            r#"      <edge id="c{}" source="a{}" target="a{}" label="{}"><attvalues><attvalue for="relation" value="{}"/><attvalue for="date" value="{}"/><attvalue for="certainty" value="{}"/><attvalue for="attributed_to" value="{}"/><attvalue for="sources" value="{}"/><attvalue for="citations" value="{}"/><attvalue for="independent_sources" value="{}"/><attvalue for="grade" value="{}"/><attvalue for="reliability" value="{}"/><attvalue for="credibility" value="{}"/></attvalues></edge>"#,
            c.id,
            c.subject.id,
            object,
            escape(c.relation.as_str()),
            escape(c.relation_text.as_deref().unwrap_or(c.relation.as_str())),
            escape(c.date.as_deref().unwrap_or("")),
            c.certainty.as_str(),
            escape(c.attributed_to.as_ref().map_or("", |a| a.name.as_str())),
            selection.sources_of(c.id),
            citation_ids(selection, c.id),
            selection.independent_sources_of(c.id),
            c.grade.label(),
            c.grade.reliability.map_or("", |r| r.as_str()),
            c.grade.credibility
        );
    }
    let _ = writeln!(x, "    </edges>");
    let _ = writeln!(x, "  </graph>");
    let _ = writeln!(x, "</gexf>");
    output.write("dossier.gexf", x.as_bytes())
}

pub fn write_graphml(selection: &Selection<'_>, output: &mut Output) -> Result<()> {
    let mut x = String::new();
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        x,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    );
    for (id, target, kind) in [
        ("name", "node", "string"),
        ("kind", "node", "string"),
        ("aliases", "node", "string"),
        ("relation", "edge", "string"),
        ("date", "edge", "string"),
        ("certainty", "edge", "string"),
        ("attributed_to", "edge", "string"),
        ("sources", "edge", "int"),
        ("citations", "edge", "string"),
        ("independent_sources", "edge", "int"),
        ("grade", "edge", "string"),
        ("reliability", "edge", "string"),
        ("credibility", "edge", "int"),
    ] {
        let _ = writeln!(x, r#"  <key id="{id}" for="{target}" attr.name="{id}" attr.type="{kind}"/>"#);
    }
    let _ = writeln!(x, r#"  <graph id="dossier" edgedefault="directed">"#);
    for a in &selection.actors {
        let _ = writeln!(
            x,
            r#"    <node id="a{}"><data key="name">{}</data><data key="kind">{}</data><data key="aliases">{}</data></node>"#,
            a.id,
            escape(&a.name),
            a.kind.as_str(),
            escape(&aliases(a))
        );
    }
    for (c, object) in edges(selection) {
        let _ = writeln!(
            x,
            r#"    <edge id="c{}" source="a{}" target="a{}"><data key="relation">{}</data><data key="date">{}</data><data key="certainty">{}</data><data key="attributed_to">{}</data><data key="sources">{}</data><data key="citations">{}</data><data key="independent_sources">{}</data><data key="grade">{}</data><data key="reliability">{}</data><data key="credibility">{}</data></edge>"#,
            c.id,
            c.subject.id,
            object,
            escape(c.relation_text.as_deref().unwrap_or(c.relation.as_str())),
            escape(c.date.as_deref().unwrap_or("")),
            c.certainty.as_str(),
            escape(c.attributed_to.as_ref().map_or("", |a| a.name.as_str())),
            selection.sources_of(c.id),
            citation_ids(selection, c.id),
            selection.independent_sources_of(c.id),
            c.grade.label(),
            c.grade.reliability.map_or("", |r| r.as_str()),
            c.grade.credibility
        );
    }
    let _ = writeln!(x, "  </graph>");
    let _ = writeln!(x, "</graphml>");
    output.write("dossier.graphml", x.as_bytes())
}
