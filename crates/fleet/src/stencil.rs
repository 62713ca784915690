//! Tenants with equal configs render to the same text but for their names:
//! a fleet renders such a tenant once, with a probe name, cuts the text at
//! every place the probe appears (a [`Stencil`]), and writes each tenant's
//! files by filling in its name.
//!
//! Why filling in is exact. `tenant::build` and the runbook use the name
//! only inside strings (physical names, tags, descriptions). For a name of
//! lowercase letters, digits and hyphens, the YAML renderer's choices about
//! a string holding it (plain or quoted, flow or block) depend on the name
//! only through its length, through whether it starts with a digit, and
//! through whether a string short enough to be a YAML 1.1 keyword (`yes`,
//! `null`: at most five characters) holds it. So two names of one
//! [`Shape`] (the same length, above five, and the same kind of first
//! character) render alike everywhere else.
//!
//! The premise is checked, not assumed: a stencil is cut from two
//! renderings with different probes of the shape, and exists only when
//! both cut into the same pieces. A build that changed the name on the way
//! (truncated it, changed its case, hashed it) makes the probes' pieces
//! differ, and every tenant of the shape is then built in full.

use std::collections::hash_map::{Entry, HashMap};
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

use stacks::tenant::TenantName;

/// The longest YAML 1.1 keyword (`false`): a name at most this long could
/// be, or be part of, a string the renderer must quote for what it says.
const LONGEST_KEYWORD: usize = 5;

/// What of a tenant name can change how its files render: names of one
/// shape render alike but for the name itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    len: usize,
    leading_digit: bool,
}

impl Shape {
    /// The name's shape; `None` for names short enough that the renderer
    /// may treat them specially, which are built in full.
    pub fn of(name: &TenantName) -> Option<Shape> {
        let name = name.as_str();
        (name.len() > LONGEST_KEYWORD).then(|| Shape {
            len: name.len(),
            leading_digit: name.starts_with(|c: char| c.is_ascii_digit()),
        })
    }

    /// Two different valid names of this shape, made of letters tenant
    /// templates hardly use, so a probe rarely occurs by chance.
    pub fn probes(self) -> Option<[TenantName; 2]> {
        let probe = |lead: char, filler: [char; 2]| {
            let name: String = std::iter::once(lead)
                .chain(filler.iter().copied().cycle().take(self.len - 1))
                .collect();
            TenantName::parse(&name).ok()
        };
        let (first, second) = if self.leading_digit {
            ('7', '8')
        } else {
            ('q', 'x')
        };
        Some([probe(first, ['j', 'q'])?, probe(second, ['z', 'x'])?])
    }
}

/// A text rendered for a probe name, cut where the name was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stencil {
    pieces: Vec<String>,
}

impl Stencil {
    /// The pieces both renderings cut into at their own probe; `None` when
    /// they differ, and the text is not the same function of the name.
    pub fn cut(
        [(first, first_probe), (second, second_probe)]: [(&str, &str); 2],
    ) -> Option<Stencil> {
        let pieces: Vec<&str> = first.split(first_probe).collect();
        second
            .split(second_probe)
            .eq(pieces.iter().copied())
            .then(|| Stencil {
                pieces: pieces.into_iter().map(str::to_string).collect(),
            })
    }

    /// How many places the name fills.
    pub fn holes(&self) -> usize {
        self.pieces.len() - 1
    }

    /// The text as it renders for `name`, of the stencil's shape.
    pub fn fill(&self, name: &str) -> String {
        let len = self.pieces.iter().map(String::len).sum::<usize>() + self.holes() * name.len();
        let mut text = String::with_capacity(len);
        for (index, piece) in self.pieces.iter().enumerate() {
            if index > 0 {
                text.push_str(name);
            }
            text.push_str(piece);
        }
        text
    }
}

/// Made once per key (a tenant config) and shape, and shared by the
/// threads that render a fleet: a thread that asks while another makes
/// them waits for them. `None` is remembered too: those tenants are
/// rendered in full.
///
/// Making stencils costs two renderings, so they are made only for a key
/// and shape asked for a second time: a fleet where every tenant has its
/// own config renders each once, as without stencils.
pub struct StencilCache<K, V> {
    made: Mutex<HashMap<(K, Shape), Slot<V>>>,
}

/// One key's stencils: empty until made, `None` when they cannot be.
pub type Slot<V> = Arc<OnceLock<Option<V>>>;

impl<K: Eq + Hash + Clone, V> StencilCache<K, V> {
    pub fn new() -> Self {
        StencilCache {
            made: Mutex::new(HashMap::new()),
        }
    }

    /// What `make` returned for `key` and `shape`, on this call or an
    /// earlier one; nothing the first time they are asked for.
    pub fn get(&self, key: &K, shape: Shape, make: impl FnOnce() -> Option<V>) -> Option<Slot<V>> {
        let slot = {
            let mut made = self
                .made
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match made.entry((key.clone(), shape)) {
                Entry::Vacant(first) => {
                    first.insert(Slot::default());
                    return None;
                }
                Entry::Occupied(slot) => Arc::clone(slot.get()),
            }
        };
        slot.get_or_init(make);
        Some(slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> TenantName {
        TenantName::parse(text).expect("a valid tenant name")
    }

    #[test]
    fn names_too_short_to_rule_out_a_keyword_have_no_shape() {
        assert_eq!(Shape::of(&name("false")), None);
        assert_eq!(Shape::of(&name("on")), None);
        assert!(Shape::of(&name("globex")).is_some());
    }

    #[test]
    fn probes_keep_the_shape_and_differ() {
        for text in ["globex", "7-eleven", "initech-data-platform"] {
            let shape = Shape::of(&name(text)).expect("long enough");
            let [one, other] = shape.probes().expect("probes of a valid shape");
            assert_ne!(one, other);
            for probe in [&one, &other] {
                assert_eq!(Shape::of(probe), Some(shape), "{probe} for {text}");
            }
        }
    }

    #[test]
    fn a_stencil_fills_every_place_the_probe_was() {
        let stencil = Stencil::cut([
            ("qjqjqj: arn:qjqjqj/x\nend", "qjqjqj"),
            ("xzxzxz: arn:xzxzxz/x\nend", "xzxzxz"),
        ])
        .expect("the same pieces");
        assert_eq!(stencil.fill("globex"), "globex: arn:globex/x\nend");
    }

    #[test]
    fn stencils_are_made_the_second_time_a_key_is_asked_for_and_then_kept() {
        let cache = StencilCache::new();
        let shape = Shape::of(&name("globex")).expect("long enough");
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            Some(made.get())
        };
        assert!(cache.get(&"config", shape, make).is_none(), "not yet");
        for _ in 0..3 {
            let slot = cache.get(&"config", shape, make).expect("made");
            assert_eq!(slot.get(), Some(&Some(1)));
        }
        assert!(cache.get(&"other", shape, make).is_none(), "per key");
        assert_eq!(made.get(), 1);
    }

    #[test]
    fn renderings_that_change_the_name_cut_into_no_stencil() {
        // Upper-cased, truncated, or the probe occurring by chance.
        for pair in [
            [("a QJQJQJ b", "qjqjqj"), ("a XZXZXZ b", "xzxzxz")],
            [("a qjq b", "qjqjqj"), ("a xzx b", "xzxzxz")],
            [("qjqjqj qjqjqj", "qjqjqj"), ("xzxzxz qjqjqj", "xzxzxz")],
        ] {
            assert_eq!(Stencil::cut(pair), None, "{pair:?}");
        }
    }
}
