//! The store's unrecorded writes, for integration tests alone (the `testing` feature,
//! turned on only by the dev-dependencies of this crate and of the CLI). They set a
//! library up, or test what the store itself guarantees; the app, the command line and
//! every other caller change the analyst's data through [`crate::history`], since the
//! methods below are `pub(crate)` everywhere else.

use super::{Accepted, Inserted, Store};
use crate::model::*;
use crate::Result;

/// Declares the trait with each method once and implements it by calling the store's
/// method of the same name.
macro_rules! unrecorded_writes {
    ($(fn $name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $out:ty;)*) => {
        /// The store's writes that record no change; `use` it in a test to call them.
        pub trait UnrecordedWrites {
            $(fn $name(&mut self $(, $arg: $ty)*) -> Result<$out>;)*
        }

        impl UnrecordedWrites for Store {
            $(fn $name(&mut self $(, $arg: $ty)*) -> Result<$out> {
                Store::$name(self $(, $arg)*)
            })*
        }
    };
}

unrecorded_writes! {
    fn insert_source(&mut self, new: &NewSource) -> Inserted;
    fn rename_source(&mut self, id: i32, title: &str) -> ();
    fn delete_source(&mut self, id: i32) -> ();
    fn tag_source(&mut self, source_id: i32, tag: &str) -> bool;
    fn untag_source(&mut self, source_id: i32, tag: &str) -> ();
    fn insert_actor(&mut self, new: &NewActor) -> i32;
    fn insert_actors(&mut self, new: &[NewActor]) -> Vec<i32>;
    fn rename_actor(&mut self, actor_id: i32, name: &str) -> ();
    fn add_alias(&mut self, actor_id: i32, alias: &str) -> bool;
    fn remove_alias(&mut self, actor_id: i32, alias: &str) -> ();
    fn delete_actor(&mut self, id: i32) -> ();
    fn merge_actors(&mut self, kept_id: i32, merged_id: i32) -> MergeOutcome;
    fn undo_merge(&mut self, merge_id: i32) -> i32;
    fn split_alias(&mut self, actor_id: i32, alias: &str) -> SplitOutcome;
    fn insert_mentions(&mut self, mentions: &[NewMention]) -> Vec<i32>;
    fn link_span(&mut self, source_id: i32, start: i32, end: i32, actor_id: i32) -> i32;
    fn delete_mentions(&mut self, ids: &[i32]) -> ();
    fn insert_claim(&mut self, new: &NewClaim) -> i32;
    fn set_claim_status(&mut self, id: i32, status: ReviewStatus) -> ();
    fn set_claim_certainty(&mut self, id: i32, certainty: Certainty) -> ();
    fn set_claim_statement(&mut self, id: i32, statement: &str) -> ();
    fn delete_claim(&mut self, id: i32) -> ();
    fn insert_citation(&mut self, new: &NewCitation) -> i32;
    fn cite_claim(&mut self, cited: &CitedClaim) -> CitedClaimIds;
    fn cite_claims(&mut self, cited: &[CitedClaim]) -> Vec<CitedClaimIds>;
    fn insert_note(&mut self, title: &str, body: &str) -> i32;
    fn update_note(&mut self, id: i32, title: &str, body: &str) -> ();
    fn delete_note(&mut self, id: i32) -> ();
    fn replace_suggestions(&mut self, source_id: i32, suggestions: &[NewSuggestion]) -> ();
    fn accept_suggestion(&mut self, id: i32) -> Accepted;
    fn edit_suggestion(&mut self, id: i32, changes: &SuggestionEdit) -> Suggestion;
    fn reopen_suggestion(&mut self, id: i32) -> ();
    fn set_suggestion_status(&mut self, id: i32, status: ReviewStatus) -> ();
}
