//! From a template to the diagram's model: which resources are boxes,
//! which fold into others, which group each box is in, and the edges.

use constructs::aws::type_names as types;
use serde_json::Value;

use super::folding::{self, Folding};
use super::model::{Diagram, Drawn, Edge, EdgeKind, Entry, Node};
use super::names;
use super::placement::{self, Placement};
use super::relations;
use super::source::{DiagramError, Source};
use super::Detail;

/// At most this many labels on one edge; the rest are counted.
const MAX_LABELS: usize = 3;

/// Draws `template` (long form, as `inspect::read` gives it).
pub fn diagram(template: &Value, detail: Detail) -> Result<Diagram, DiagramError> {
    let source = Source::read(template)?;
    let folding = Folding::of(&source, detail == Detail::Full);
    let mut placement = Placement::of(&source);

    // Folded resources become lines of their hosts, grouped by word.
    let mut folded_lines: Vec<(String, &'static str, Vec<String>)> = Vec::new();
    for resource in &source.resources {
        if !folding.is_folded(resource.id) {
            continue;
        }
        let Some(word) = folding.word(resource.id) else {
            continue;
        };
        let text = match resource.type_name {
            types::ec2::ROUTE => route_text(resource),
            _ => resource.id.to_string(),
        };
        for host in folding.hosts_of(resource.id) {
            match folded_lines
                .iter_mut()
                .find(|(h, w, _)| h == host && *w == word)
            {
                Some((_, _, items)) => {
                    if !items.contains(&text) {
                        items.push(text.clone());
                    }
                }
                None => folded_lines.push((host.to_string(), word, vec![text.clone()])),
            }
        }
        if resource.type_name == types::ec2::ROUTE && routes_to_internet(&source, resource) {
            for host in folding.hosts_of(resource.id) {
                if let Some(subnet) = placement.index(host) {
                    placement.set_public(subnet);
                }
            }
        }
    }
    let lines_of = |host: &str| -> Vec<String> {
        folded_lines
            .iter()
            .filter(|(h, _, _)| h == host)
            .map(|(_, word, items)| format!("{word}: {}", items.join(", ")))
            .collect()
    };
    for group in &mut placement.groups {
        group.lines.extend(lines_of(&group.id));
    }

    let is_group = |id: &str| placement.index(id).is_some();
    let mut nodes = Vec::new();
    let mut resources = Vec::new();
    for resource in &source.resources {
        let drawn = if is_group(resource.id) {
            Drawn::Group
        } else if folding.is_folded(resource.id) {
            Drawn::FoldedInto(
                folding
                    .hosts_of(resource.id)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            )
        } else {
            let (group, note) = placement.of_node(&source, &folding, resource.id);
            let mut lines = lines_of(resource.id);
            lines.extend(note);
            nodes.push(Node {
                id: resource.id.to_string(),
                type_name: resource.type_name.to_string(),
                kind: names::short_type(resource.type_name),
                lines,
                external: false,
                group,
            });
            Drawn::Node
        };
        resources.push(Entry {
            id: resource.id.to_string(),
            type_name: resource.type_name.to_string(),
            drawn,
        });
    }
    for name in source.parameters.keys() {
        let Some(kind) = placement::external_kind(&source, name) else {
            continue;
        };
        if is_group(name) {
            continue;
        }
        let (group, _) = placement.of_node(&source, &folding, name);
        nodes.push(Node {
            id: name.clone(),
            type_name: names::external_type(kind).to_string(),
            kind: format!("parameter · {kind}"),
            lines: lines_of(name),
            external: true,
            group,
        });
    }

    let is_node = |id: &str| nodes.iter().any(|n| n.id == id);
    let mut edges = Edges::default();
    // Access granted by a role or policy that several boxes share (one
    // scheduler role for five schedules) would be drawn from every one
    // of them; it is drawn only where no named relation already connects
    // them, after all of those are known.
    let mut shared_access = Vec::new();
    for resource in &source.resources {
        for (from, to, label) in relations::security_group_rules(resource) {
            edges.add(&folding, &from, &to, Some(label), EdgeKind::Flow, &is_node);
        }
        for reference in &resource.references {
            if is_group(&reference.target) {
                continue;
            }
            let relation = match relations::of(resource.type_name, reference) {
                Some(relation) => relation,
                // A security group rule drawn as a box of its own points
                // at the groups it connects.
                None if detail == Detail::Full && is_rule(resource.type_name) => {
                    relations::Relation::plain()
                }
                None => continue,
            };
            let (from, to) = if relation.reversed {
                (reference.target.as_str(), resource.id)
            } else {
                (resource.id, reference.target.as_str())
            };
            if folding::in_policy(reference) && folding.hosts_of(from).len() > 1 {
                shared_access.push((from, to, relation));
                continue;
            }
            edges.add(&folding, from, to, relation.label, relation.kind, &is_node);
        }
    }
    for (from, to, relation) in shared_access {
        let connected = folding
            .hosts_of(from)
            .iter()
            .any(|f| folding.hosts_of(to).iter().any(|t| edges.has_flow(f, t)));
        if !connected {
            edges.add(&folding, from, to, relation.label, relation.kind, &is_node);
        }
    }

    Ok(Diagram {
        title: title(&source),
        groups: placement.groups,
        nodes,
        edges: edges.finish(),
        resources,
    })
}

fn is_rule(type_name: &str) -> bool {
    matches!(
        type_name,
        types::ec2::SECURITY_GROUP_INGRESS | types::ec2::SECURITY_GROUP_EGRESS
    )
}

/// The stack's description up to its first colon (`AskEdgi tenant acme`),
/// or a generic title.
fn title(source: &Source) -> String {
    match source.description {
        Some(description) => {
            let head = description.split(": ").next().unwrap_or(description).trim();
            let mut title: String = head.chars().take(80).collect();
            if head.chars().count() > 80 {
                title.push('…');
            }
            title
        }
        None => "CloudFormation template".to_string(),
    }
}

/// `0.0.0.0/0 → NatGatewayA`.
fn route_text(route: &super::source::Resource) -> String {
    let destination = ["DestinationCidrBlock", "DestinationIpv6CidrBlock"]
        .iter()
        .find_map(|key| route.property(key).and_then(Value::as_str))
        .unwrap_or("?");
    let target = route
        .references
        .iter()
        .find(|r| r.key() != "RouteTableId" && !r.under(&["DependsOn"]))
        .map(|r| r.target.clone())
        .or_else(|| {
            ["GatewayId", "NatGatewayId", "TransitGatewayId"]
                .iter()
                .find_map(|key| route.property(key).and_then(Value::as_str))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "?".to_string());
    format!("{destination} → {target}")
}

fn routes_to_internet(source: &Source, route: &super::source::Resource) -> bool {
    route.references.iter().any(|r| {
        r.key() == "GatewayId" && source.type_of(&r.target) == Some(types::ec2::INTERNET_GATEWAY)
    })
}

/// Edges merged by ordered pair of nodes.
#[derive(Default)]
struct Edges {
    list: Vec<(String, String, Vec<String>, EdgeKind)>,
}

impl Edges {
    /// Adds the edge between the hosts of `from` and `to`; none between a
    /// node and itself, or to what is not a node (a group).
    fn add(
        &mut self,
        folding: &Folding,
        from: &str,
        to: &str,
        label: Option<String>,
        kind: EdgeKind,
        is_node: &dyn Fn(&str) -> bool,
    ) {
        let from_hosts = folding.hosts_of(from);
        let to_hosts = folding.hosts_of(to);
        // A reference inside what one box holds draws nothing: a task
        // definition naming its role, a policy shared by three queues
        // naming them, a shared role granting one host's log group.
        if from_hosts.iter().any(|host| to_hosts.contains(host)) {
            return;
        }
        for from in &from_hosts {
            for to in &to_hosts {
                let to = *to;
                if !is_node(from) || !is_node(to) {
                    continue;
                }
                let existing = self
                    .list
                    .iter_mut()
                    .find(|(f, t, _, _)| f == from && t == to);
                let (labels, edge_kind) = match existing {
                    Some((_, _, labels, edge_kind)) => (labels, edge_kind),
                    None => {
                        self.list
                            .push((from.to_string(), to.to_string(), Vec::new(), kind));
                        let last = self.list.last_mut().expect("just pushed");
                        (&mut last.2, &mut last.3)
                    }
                };
                *edge_kind = (*edge_kind).max(kind);
                if let Some(label) = &label {
                    if !label.is_empty() && !labels.contains(label) {
                        labels.push(label.clone());
                    }
                }
            }
        }
    }

    /// Whether a named relation goes from `from` to `to`.
    fn has_flow(&self, from: &str, to: &str) -> bool {
        self.list
            .iter()
            .any(|(f, t, _, kind)| f == from && t == to && *kind == EdgeKind::Flow)
    }

    fn finish(self) -> Vec<Edge> {
        self.list
            .into_iter()
            .map(|(from, to, mut labels, kind)| {
                // What the template names first, what IAM grants after.
                labels.sort_by_key(|label| label == "IAM");
                let label = match labels.len() {
                    0 => None,
                    n if n <= MAX_LABELS => Some(labels.join(", ")),
                    n => Some(format!(
                        "{} +{}",
                        labels[..MAX_LABELS].join(", "),
                        n - MAX_LABELS
                    )),
                };
                Edge {
                    from,
                    to,
                    label,
                    kind,
                }
            })
            .collect()
    }
}
