//! The diagrams of every registered system: `docs/diagrams/<system>.svg`
//! and `.mmd` are what `synth diagram` draws today (like generated code,
//! a stale one fails here; `UPDATE_DIAGRAMS=1 cargo test -p synth --test
//! diagrams` rewrites them), their DOT is snapshotted, every SVG parses as
//! XML, and no two boxes of any layout overlap.

use std::path::{Path, PathBuf};

use constructs::Format as TemplateFormat;
use inspect::diagram::layout::{Layout, Rect};
use inspect::diagram::{self, Detail, Diagram, Format};

/// Each system, drawn from the template of the README's command for it:
/// `synth tenant acme`, `synth schedules`, `synth edge --config
/// examples/edge.yaml`, `synth dataspace --env prod`, `synth adology`.
fn templates() -> Vec<(&'static str, serde_json::Value)> {
    use framework::stack::{Product, Request};
    let edge_config = root().join("examples/edge.yaml");
    let requests = [
        (
            "tenant",
            Request {
                instance: Some("acme"),
                ..Request::default()
            },
        ),
        ("schedules", Request::default()),
        (
            "edge",
            Request {
                config_path: Some(&edge_config),
                ..Request::default()
            },
        ),
        (
            "dataspace",
            Request {
                instance: Some("prod"),
                ..Request::default()
            },
        ),
        ("adology", Request::default()),
    ];
    requests
        .into_iter()
        .map(|(system, request)| {
            let stack = framework::find(stacks::registry::ALL, system).expect("registered");
            let Ok(Product::Template(built)) = stack.run(&request) else {
                panic!("{system} builds");
            };
            let body = built
                .template
                .synthesize(TemplateFormat::Json)
                .expect("the system synthesizes")
                .body;
            (system, serde_json::from_str(&body).expect("JSON"))
        })
        .collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn drawn(template: &serde_json::Value, detail: Detail) -> Diagram {
    diagram::diagram(template, detail).expect("a seed template draws")
}

/// A stack added to the registry without a line in [`templates`] has no
/// diagram, no DOT snapshot and no overlap check: that fails here.
#[test]
fn every_registered_stack_is_drawn() {
    let drawn: Vec<&str> = templates().iter().map(|(system, _)| *system).collect();
    let registered: Vec<&str> = stacks::registry::ALL
        .iter()
        .map(|stack| stack.verb())
        .collect();
    assert_eq!(drawn, registered, "add the missing stacks to templates()");
}

#[test]
fn committed_diagrams_are_fresh() {
    let update = std::env::var_os("UPDATE_DIAGRAMS").is_some();
    let mut stale = Vec::new();
    for (system, template) in templates() {
        let model = drawn(&template, Detail::Folded);
        for (extension, format) in [("svg", Format::Svg), ("mmd", Format::Mermaid)] {
            let path = root().join(format!("docs/diagrams/{system}.{extension}"));
            let fresh = diagram::render(&model, format);
            if std::fs::read_to_string(&path).ok().as_deref() == Some(fresh.as_str()) {
                continue;
            }
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, fresh).unwrap();
            } else {
                stale.push(format!("docs/diagrams/{system}.{extension}"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale diagrams: {}; regenerate them with `UPDATE_DIAGRAMS=1 cargo test -p synth --test diagrams` and review the change",
        stale.join(", ")
    );
}

#[test]
fn dot_of_every_system_is_the_reviewed_snapshot() {
    for (system, template) in templates() {
        let dot = diagram::render(&drawn(&template, Detail::Folded), Format::Dot);
        insta::with_settings!({ snapshot_path => "../../../snapshots/diagrams", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("{system}.dot"), dot);
        });
    }
}

#[test]
fn every_svg_and_page_parses_as_xml() {
    for (system, template) in templates() {
        for detail in [Detail::Folded, Detail::Full] {
            let model = drawn(&template, detail);
            let svg = diagram::render(&model, Format::Svg);
            let document = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{system} ({detail:?}): SVG is not XML: {e}"));
            let boxes = document
                .descendants()
                .filter(|n| n.attribute("class") == Some("node"))
                .count();
            assert_eq!(
                boxes,
                model.nodes.len(),
                "{system}: a <g class=node> per node"
            );
            // The page is HTML, not XML, but written as well-formed XML
            // after its doctype, which catches an unescaped name.
            let html = diagram::render(&model, Format::Html);
            let body = html.trim_start_matches("<!DOCTYPE html>\n");
            roxmltree::Document::parse(body)
                .unwrap_or_else(|e| panic!("{system} ({detail:?}): HTML is not well formed: {e}"));
            let elsewhere = html.replace("http://www.w3.org/2000/svg", "");
            assert!(
                !elsewhere.contains("http://")
                    && !elsewhere.contains("https://")
                    && !html.contains("<script"),
                "{system}: the page runs no script and fetches nothing"
            );
        }
    }
}

#[test]
fn no_two_boxes_overlap_and_every_box_is_inside_its_group() {
    for (system, template) in templates() {
        for detail in [Detail::Folded, Detail::Full] {
            let model = drawn(&template, detail);
            let layout = Layout::of(&model);
            let canvas = Rect {
                x: 0.0,
                y: 0.0,
                w: layout.width,
                h: layout.height,
            };
            for (i, a) in layout.nodes.iter().enumerate() {
                assert!(
                    canvas.contains(a),
                    "{system}: {} is off the canvas",
                    model.nodes[i].id
                );
                assert!(
                    a.w > 0.0 && a.h > 0.0,
                    "{system}: {} has no size",
                    model.nodes[i].id
                );
                for (j, b) in layout.nodes.iter().enumerate().skip(i + 1) {
                    assert!(
                        !a.overlaps(b),
                        "{system} ({detail:?}): {} and {} overlap",
                        model.nodes[i].id,
                        model.nodes[j].id
                    );
                }
                if let Some(group) = model.nodes[i].group {
                    assert!(
                        layout.groups[group].contains(a),
                        "{system}: {} sticks out of {}",
                        model.nodes[i].id,
                        model.groups[group].id
                    );
                }
                for (g, group) in layout.groups.iter().enumerate() {
                    let holds = model.nodes[i]
                        .group
                        .is_some_and(|own| model_path(&model, own).contains(&g));
                    assert!(
                        holds || !group.overlaps(a),
                        "{system}: {} overlaps group {}",
                        model.nodes[i].id,
                        model.groups[g].id
                    );
                }
            }
            for (g, a) in layout.groups.iter().enumerate() {
                assert!(
                    canvas.contains(a),
                    "{system}: group {} is off the canvas",
                    model.groups[g].id
                );
                if let Some(parent) = model.groups[g].parent {
                    assert!(
                        layout.groups[parent].contains(a),
                        "{system}: group {} sticks out",
                        model.groups[g].id
                    );
                }
                for (h, b) in layout.groups.iter().enumerate().skip(g + 1) {
                    let nested =
                        model_path(&model, g).contains(&h) || model_path(&model, h).contains(&g);
                    assert!(
                        nested || !a.overlaps(b),
                        "{system}: groups {} and {} overlap",
                        model.groups[g].id,
                        model.groups[h].id
                    );
                }
            }
        }
    }
}

fn model_path(model: &Diagram, group: usize) -> Vec<usize> {
    diagram::model::group_path(&model.groups, group)
}
