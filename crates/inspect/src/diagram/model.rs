//! What a diagram shows, independent of any format: nested groups (VPC,
//! zone, subnet, the regional services beside them), nodes in them, and
//! edges between nodes. Every renderer draws this one model, so Mermaid,
//! DOT, SVG and HTML always agree.

/// A template as a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// The stack's name or description, for the SVG and HTML titles.
    pub title: String,
    /// Parents come before their children.
    pub groups: Vec<Group>,
    /// In template order: resources first, then the parameters drawn as
    /// external resources.
    pub nodes: Vec<Node>,
    /// One per ordered pair of nodes, labels merged, in order of first
    /// reference.
    pub edges: Vec<Edge>,
    /// Every resource of the template and how it is drawn, for the HTML
    /// page's resource list: a folded resource is still listed.
    pub resources: Vec<Entry>,
}

/// A box that holds other boxes.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// A logical ID (a VPC or subnet), a parameter name (an external VPC or
    /// subnet list), or a made-up ID (`VpcZone1`, `Regional`) that cannot
    /// collide with a logical ID because it is built from one.
    pub id: String,
    /// What the group's frame says (`VPC 10.0.0.0/16`, a zone, a subnet's name).
    pub title: String,
    /// Smaller lines under the title: kind, CIDR, routes folded in.
    pub lines: Vec<String>,
    /// What the group is, which decides its colours.
    pub kind: GroupKind,
    /// Given to the stack as a parameter rather than made by it.
    pub external: bool,
    /// The group it sits in, as an index into the diagram's groups.
    pub parent: Option<usize>,
}

/// What a group stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// A VPC, made by the template or given as a parameter.
    Vpc,
    /// An availability zone of the VPC.
    Zone,
    /// `public` when its routes reach an internet gateway or it assigns
    /// public IPs.
    Subnet {
        /// Whether the subnet routes to an internet gateway.
        public: bool,
    },
    /// The services that do not run in a VPC, drawn beside it.
    Regional,
}

/// One box: a resource, or a parameter naming a resource the stack only
/// uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The logical ID or parameter name.
    pub id: String,
    /// The CloudFormation type, or for a parameter the type of what it
    /// names (`AWS::EFS::FileSystem`).
    pub type_name: String,
    /// Shorter type (`S3 Bucket`), or `parameter · EFS file system`.
    pub kind: String,
    /// Folded resources (`role: TaskRole`) and notes (`in PrivateSubnetA,
    /// PrivateSubnetB`).
    pub lines: Vec<String>,
    /// Whether the node is a parameter (something the stack uses but does not make), drawn dashed.
    pub external: bool,
    /// The group the node sits in, as an index into the diagram's groups; `None` for the region outside any VPC.
    pub group: Option<usize>,
}

/// A line between two nodes: one resource refers to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The logical ID (or parameter name) the arrow starts from.
    pub from: String,
    /// The logical ID (or parameter name) the arrow points at.
    pub to: String,
    /// Merged labels of every relation between the two, such as
    /// `notifies` or `BUCKET_NAME, IAM`.
    pub label: Option<String>,
    /// What the reference means, which decides how the line is drawn.
    pub kind: EdgeKind,
}

/// What an edge means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// A plain reference (a security group a service is in, DependsOn):
    /// drawn thin and dashed.
    Reference,
    /// A relation with a name (notifies, forwards, runs, a variable): drawn
    /// solid with its label.
    Flow,
}

/// One template resource in the resource list.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The logical ID.
    pub id: String,
    /// The CloudFormation type, `AWS::SQS::Queue`.
    pub type_name: String,
    /// How it is drawn.
    pub drawn: Drawn,
}

/// How a resource appears in the picture.
#[derive(Debug, Clone, PartialEq)]
pub enum Drawn {
    /// As a box of its own.
    Node,
    /// As a group frame (a VPC, a subnet).
    Group,
    /// Folded into these nodes or groups (with `--detail full` it would
    /// be a node).
    FoldedInto(Vec<String>),
}

impl Diagram {
    /// The groups directly inside `parent` (the top level for `None`),
    /// with their indices.
    pub fn groups_in(&self, parent: Option<usize>) -> impl Iterator<Item = (usize, &Group)> {
        self.groups
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.parent == parent)
    }

    /// The nodes directly inside `group` (the top level for `None`), with
    /// their indices.
    pub fn nodes_in(&self, group: Option<usize>) -> impl Iterator<Item = (usize, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.group == group)
    }
}

/// The group's ancestors and itself, outermost first.
pub fn group_path(groups: &[Group], mut group: usize) -> Vec<usize> {
    let mut path = vec![group];
    while let Some(parent) = groups[group].parent {
        path.push(parent);
        group = parent;
    }
    path.reverse();
    path
}
