//! What every resource of one stack shares: its tags, whether its data may
//! be deleted, how long its logs are kept.

use constructs::{KeyValueTag, List, Policy, Resource, ResourceType, Tags, Value};

/// What happens to a resource holding data when it leaves the stack or an
/// update replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Kept (a bucket, a log group, a repository) or snapshotted (a
    /// database, a cache): the default, so data outlives a mistake.
    Retain,
    /// Deleted: the operator allowed it (`allowDeleteResources`), for
    /// stacks that come and go, such as test deployments.
    Delete,
}

impl Removal {
    /// [`Removal::Delete`] when the operator allowed deleting resources.
    pub fn allowing_delete(allow_delete: bool) -> Self {
        if allow_delete {
            Removal::Delete
        } else {
            Removal::Retain
        }
    }
}

/// A secret whose value is a template parameter: what deleting it loses,
/// the next deploy puts back, so it goes with the stack (`Delete` for both
/// policies, written out like every stateful resource's) rather than
/// staying behind, orphaned, holding a credential.
pub fn rebuilt_from_parameters<R: ResourceType>(resource: Resource<R>) -> Resource<R> {
    resource
        .deletion_policy(Policy::Delete)
        .update_replace_policy(Policy::Delete)
}

/// The context a pattern is built in: a stack makes one and hands it to
/// every pattern, instead of threading tags and `allow_delete` by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    tags: Tags,
    removal: Removal,
    log_retention_days: u32,
}

impl Scope {
    /// Every taggable resource gets `tags`; data is kept or deleted as
    /// `removal` says; log groups keep events `log_retention_days`.
    pub fn new(tags: Tags, removal: Removal, log_retention_days: u32) -> Self {
        Scope {
            tags,
            removal,
            log_retention_days,
        }
    }

    /// The stack's tags, as the tag list of any resource type:
    /// `.tags(scope.tags())`.
    pub fn tags(&self) -> &Tags {
        &self.tags
    }

    /// `Name: <name>` (what the EC2 console lists a resource by) and then
    /// the stack's tags.
    pub fn named(&self, name: impl Into<String>) -> Tags {
        self.tags.before("Name", name)
    }

    /// The stack's tags as a struct field takes them:
    /// `tags: scope.tag_list()`.
    pub fn tag_list<T: KeyValueTag>(&self) -> Option<Value<List<T>>> {
        Some(self.tags.to_list())
    }

    /// [`Scope::named`] as a struct field takes it:
    /// `tags: scope.named_list(name)`.
    pub fn named_list<T: KeyValueTag>(&self, name: impl Into<String>) -> Option<Value<List<T>>> {
        Some(self.named(name).to_list())
    }

    /// Whether resources may be deleted with the stack.
    pub fn removal(&self) -> Removal {
        self.removal
    }

    /// Days a log group keeps its events.
    pub fn log_retention_days(&self) -> u32 {
        self.log_retention_days
    }

    /// A resource that holds data, with explicit deletion and replacement
    /// policies: kept `RetainExceptOnCreate` (when the stack's first create
    /// fails and rolls back, the resource goes too, as it holds nothing
    /// yet, so a named bucket or log group does not block the retry with
    /// "already exists") and `Retain` on replacement; or deleted.
    pub fn stateful<R: ResourceType>(&self, resource: Resource<R>) -> Resource<R> {
        match self.removal {
            Removal::Retain => resource
                .deletion_policy(Policy::RetainExceptOnCreate)
                .update_replace_policy(Policy::Retain),
            Removal::Delete => resource
                .deletion_policy(Policy::Delete)
                .update_replace_policy(Policy::Delete),
        }
    }

    /// A database or cache: a final snapshot when it leaves the stack or an
    /// update replaces it, or deleted.
    pub fn snapshotted<R: ResourceType>(&self, resource: Resource<R>) -> Resource<R> {
        let policy = match self.removal {
            Removal::Retain => Policy::Snapshot,
            Removal::Delete => Policy::Delete,
        };
        resource
            .deletion_policy(policy)
            .update_replace_policy(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructs::aws::sqs;
    use constructs::{Format, Template};

    fn scope(removal: Removal) -> Scope {
        Scope::new(Tags::new().with("system", "s"), removal, 30)
    }

    #[test]
    fn named_tags_put_the_name_first() {
        let tags = scope(Removal::Retain).named("web");
        let pairs: Vec<_> = tags.pairs().collect();
        assert_eq!(pairs, [("Name", "web"), ("system", "s")]);
    }

    #[test]
    fn removal_follows_allow_delete() {
        assert_eq!(Removal::allowing_delete(true), Removal::Delete);
        assert_eq!(Removal::allowing_delete(false), Removal::Retain);
    }

    fn policies(scope: &Scope, snapshotted: bool) -> String {
        let mut template = Template::new("");
        let queue = Resource::new("Q", sqs::Queue::default());
        let queue = if snapshotted {
            scope.snapshotted(queue)
        } else {
            scope.stateful(queue)
        };
        template.add(queue).unwrap();
        template.synthesize(Format::Yaml).unwrap().body
    }

    #[test]
    fn retained_and_deleted_resources_get_their_policies() {
        let kept = policies(&scope(Removal::Retain), false);
        assert!(
            kept.contains("DeletionPolicy: RetainExceptOnCreate"),
            "{kept}"
        );
        assert!(kept.contains("UpdateReplacePolicy: Retain\n"), "{kept}");
        let snapped = policies(&scope(Removal::Retain), true);
        assert!(snapped.contains("DeletionPolicy: Snapshot"), "{snapped}");
        assert!(
            snapped.contains("UpdateReplacePolicy: Snapshot"),
            "{snapped}"
        );
        for snapshotted in [false, true] {
            let gone = policies(&scope(Removal::Delete), snapshotted);
            assert!(gone.contains("DeletionPolicy: Delete"), "{gone}");
            assert!(gone.contains("UpdateReplacePolicy: Delete"), "{gone}");
        }
    }
}
