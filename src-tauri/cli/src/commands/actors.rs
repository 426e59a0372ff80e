//! `actors add|alias|merge|unmerge|merges|split|unlinked|link`: the actors and their names.

use crate::commands::import::import_options;
use crate::{actor_id, json, offer_unlinked, one_line};
use clap::Subcommand;
use dossier_core::import::{self};
use dossier_core::model::{ActorKind, NewActor};
use dossier_core::{history, link, Error, Store};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ActorsAction {
    /// Add an actor.
    Add {
        name: String,
        #[arg(long, default_value = "other")]
        kind: String,
        #[arg(long = "alias")]
        aliases: Vec<String>,
    },
    /// Aliases of an actor (by id, or by a name or alias it already has).
    Alias {
        #[command(subcommand)]
        action: AliasAction,
    },
    /// Merge actor MERGED into KEEP: its aliases, mentions, claims, citations and note
    /// links move to KEEP and MERGED is deleted. Undo with `dossier undo`.
    Merge { keep: String, merged: String },
    /// Undo a merge (its id is printed by `actors merge` and listed by `actors merges`).
    Unmerge { merge: i32 },
    /// The merges into an actor (or all), newest first.
    Merges { actor: Option<String> },
    /// Split an alias off into an actor of its own, with the mentions written that way
    /// and the claims whose citations name the actor only so.
    Split { actor: String, alias: String },
    /// Where sources name an actor by one of its aliases with no mention linking them.
    Unlinked {
        actor: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Link every unlinked mention of an actor at once.
    Link { actor: String },
}

#[derive(Debug, Subcommand)]
pub enum AliasAction {
    /// Add an alias; every source is then analysed again so that its mentions are found.
    Add { actor: String, alias: String },
}

/// What `dossier actors` takes.
#[derive(Debug, clap::Args)]
pub struct ActorsArgs {
    #[command(subcommand)]
    pub action: ActorsAction,
}

pub(crate) fn run(store: &mut Store, args: ActorsArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    match args.action {
        ActorsAction::Add { name, kind, aliases } => {
            let kind = ActorKind::parse(&kind).ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown kind {kind:?}: person, organization, state, armed_group, place or other"
                ))
            })?;
            let like = dossier_core::link::actors_like(store, &name)?;
            let id = history::create_actor(store, &NewActor { name, kind, description: String::new(), aliases })?;
            for other in like {
                eprintln!(
                    "note: the library already has #{} {:?}, written alike; to keep one: dossier actors merge {} {id}",
                    other.id, other.name, other.id
                );
            }
            let analysed = import::reanalyze(store, None, &import_options(None)?.readers)?.analysed;
            writeln!(out, "actor #{id} added; {analysed} sources analysed again for its mentions")?;
            offer_unlinked(out, store, id)?;
        }
        ActorsAction::Alias { action: AliasAction::Add { actor, alias } } => {
            let id = actor_id(store, &actor)?;
            let added = history::add_alias(store, id, &alias)?;
            let analysed = import::reanalyze(store, None, &import_options(None)?.readers)?.analysed;
            let what = if added { "added" } else { "was already there" };
            writeln!(out, "alias {:?} {what} for actor #{id}; {analysed} sources analysed again", one_line(&alias))?;
            offer_unlinked(out, store, id)?;
        }
        ActorsAction::Merge { keep, merged } => {
            let (keep, merged) = (actor_id(store, &keep)?, actor_id(store, &merged)?);
            let name = store.actor(merged)?.name;
            let done = history::merge_actors(store, keep, merged)?;
            writeln!(
                out,
                "merged #{merged} {:?} into #{keep}: {} aliases added, {} mentions, {} claims, {} citations moved \
                 (undo: dossier undo)",
                one_line(&name),
                done.aliases_added,
                done.mentions,
                done.claims,
                done.citations
            )?;
        }
        ActorsAction::Unmerge { merge } => {
            let restored = history::unmerge(store, merge)?;
            writeln!(
                out,
                "merge #{merge} undone: actor #{restored} {:?} is back (undo: dossier undo)",
                one_line(&store.actor(restored)?.name)
            )?;
        }
        ActorsAction::Merges { actor } => {
            let actor = actor.map(|a| actor_id(store, &a)).transpose()?;
            for m in store.actor_merges(actor)? {
                writeln!(
                    out,
                    "{:>6}  #{} {:?} into #{}  {}{}",
                    m.id,
                    m.merged_id,
                    one_line(&m.merged_name),
                    m.kept_id,
                    m.merged_at,
                    m.undone_at.map(|at| format!("  (undone {at})")).unwrap_or_default()
                )?;
            }
        }
        ActorsAction::Split { actor, alias } => {
            let id = actor_id(store, &actor)?;
            let done = history::split_alias(store, id, &alias)?;
            writeln!(
                out,
                "alias {:?} split off #{id} into actor #{}: {} mentions and {} claims moved",
                one_line(&alias),
                done.actor_id,
                done.mentions,
                done.claims
            )?;
        }
        ActorsAction::Unlinked { actor, limit, json: as_json } => {
            let id = actor_id(store, &actor)?;
            let found = link::unlinked_mentions(store, id, limit)?;
            if as_json {
                json(out, &found)?;
            } else {
                for m in &found.items {
                    writeln!(
                        out,
                        "source {:>5}  [{}, {})  …{}[{}]{}…",
                        m.source_id,
                        m.start,
                        m.end,
                        one_line(&m.prefix),
                        one_line(&m.surface),
                        one_line(&m.suffix)
                    )?;
                }
                writeln!(out, "{} unlinked mentions in {} sources", found.total, found.sources)?;
            }
        }
        ActorsAction::Link { actor } => {
            let id = actor_id(store, &actor)?;
            let linked = history::link_unlinked_mentions(store, id)?;
            writeln!(out, "{} mentions linked to actor #{id}", linked.len())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
