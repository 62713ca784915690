//! `cargo xtask function-test`: run the inline functions' real source: the
//! edge update APIs against moto's in-process mocks, and DataSpace's
//! search access function against a made-up security API.
//!
//! cfn-lint checks the function resources and deploy-test deploys them, but
//! neither runs the inline Python they carry: a typo in
//! `templates/edge-update-api.py.j2`, or a task definition field that ECS
//! will not take back on register, would only show on the first release.
//! This takes the source from the template synth emits for
//! `examples/edge.yaml` (so it tests what ships, not the Jinja template),
//! writes each function's `index.py` to `target/function-test/<LogicalId>/`
//! and runs `xtask/src/update_api_test.py` over it, which fakes ECS and
//! Secrets Manager with `moto.mock_aws` and calls the handler as the load
//! balancer would.
//!
//! The test needs the container and repository the function moves; they are
//! read from the source's `CONTAINER = "..."` and `REPOSITORY = "..."`
//! lines, after checking that the same template has a task definition with
//! that container running an image of that repository, so the constants
//! cannot drift from the service they update unnoticed.
//!
//! The search access function (`SearchAccessFunction` of `synth
//! dataspace`) is a custom resource's provider: `search_access_test.py`
//! calls it with Create, Update and Delete requests and checks the signed
//! security API calls it makes against the literal properties of the
//! template's `SearchAccess` resource (its role, permissions and index
//! patterns), and its answers to CloudFormation.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::lint::recreate_dir;
use crate::project_root;

/// The example config whose update APIs are tested.
const CONFIG: &str = "examples/edge.yaml";
/// The unittest module run once per function, relative to the workspace root.
const TEST_SCRIPT: &str = "xtask/src/update_api_test.py";
/// The unittest module of the search access function.
const SEARCH_ACCESS_SCRIPT: &str = "xtask/src/search_access_test.py";
/// The custom resource the search access function provides, and the
/// properties it takes as literals.
const SEARCH_ACCESS: &str = "SearchAccess";
const SEARCH_ACCESS_LITERALS: [&str; 4] = [
    "RoleName",
    "ClusterPermissions",
    "IndexPatterns",
    "IndexActions",
];
/// How the logical ID of every update API function ends (`update_api.rs`).
const FUNCTION_SUFFIX: &str = "UpdateFunction";
/// What installs boto3 and moto (`.ci/run` installs it).
const MOTO_PIN: &str = "moto[server]==5.2.1";

/// Synthesizes the example, then tests every update API in it.
pub fn run() -> Result<(), String> {
    let root = project_root();
    let template = synthesize(&root, &["edge", "--config", CONFIG])?;
    let resources = template
        .get("Resources")
        .and_then(Value::as_object)
        .ok_or("synth printed a template without a Resources object")?;
    let functions: Vec<(&String, &Value)> = resources
        .iter()
        .filter(|(id, _)| id.ends_with(FUNCTION_SUFFIX))
        .collect();
    if functions.is_empty() {
        return Err(format!(
            "the template of {CONFIG} has no resource whose logical ID ends in \
             {FUNCTION_SUFFIX}; give the example a long-running edge server, or update \
             FUNCTION_SUFFIX if update_api.rs names its functions differently"
        ));
    }
    let out_dir = root.join("target/function-test");
    recreate_dir(&out_dir)?;
    for (id, function) in &functions {
        let start = Instant::now();
        test_function(&root, &out_dir, id, function, &template)
            .map_err(|e| format!("{id}: {e}"))?;
        println!("  OK in {:.1} s", start.elapsed().as_secs_f64());
    }
    println!(
        "function-test: {} update APIs pass against moto",
        functions.len()
    );
    test_search_access(&root, &out_dir)?;
    println!("function-test: the search access function passes");
    Ok(())
}

/// Runs `search_access_test.py` over DataSpace's search access function.
fn test_search_access(root: &Path, out_dir: &Path) -> Result<(), String> {
    let template = synthesize(root, &["dataspace"])?;
    let resource = &template["Resources"][SEARCH_ACCESS];
    let provider = resource["Properties"]["ServiceToken"]["Fn::GetAtt"][0]
        .as_str()
        .ok_or(format!(
            "{SEARCH_ACCESS}'s ServiceToken is not a GetAtt of a function"
        ))?;
    let source = template["Resources"][provider]
        .pointer("/Properties/Code/ZipFile")
        .and_then(Value::as_str)
        .ok_or(format!(
            "{provider} has no inline source (Properties.Code.ZipFile)"
        ))?;
    let mut literals = serde_json::Map::new();
    for name in SEARCH_ACCESS_LITERALS {
        let value = &resource["Properties"][name];
        if value.is_null() {
            return Err(format!("{SEARCH_ACCESS} has no property {name}"));
        }
        literals.insert(name.to_string(), value.clone());
    }
    let dir = out_dir.join(provider);
    fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    fs::write(dir.join("index.py"), source).map_err(|e| format!("writing index.py: {e}"))?;
    let dir = dir.strip_prefix(root).unwrap_or(&dir);
    println!("{provider} (provider of {SEARCH_ACCESS})");
    let status = Command::new("python3")
        .arg(SEARCH_ACCESS_SCRIPT)
        .arg(dir)
        .arg(Value::Object(literals).to_string())
        .current_dir(root)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("starting python3: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the search access function's tests failed ({status}); read the unittest output \
             above and fix crates/stacks/src/dataspace/search_access.py"
        ))
    }
}

/// The JSON template synth emits with `arguments`.
fn synthesize(root: &Path, arguments: &[&str]) -> Result<Value, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "--package", "synth", "--"])
        .args(arguments)
        .args(["--format", "json"])
        .current_dir(root)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("starting cargo to run synth: {e}"))?;
    // stderr is shown only on failure: on success it holds synth's warning
    // that the template is too big to deploy inline, which is no concern here.
    if !output.status.success() {
        return Err(format!(
            "`cargo run --package synth -- {} --format json` failed ({}); fix this:\n{}",
            arguments.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("parsing the JSON template synth printed: {e}"))
}

/// Writes one function's source and runs the unittest module over it.
fn test_function(
    root: &Path,
    out_dir: &Path,
    id: &str,
    function: &Value,
    template: &Value,
) -> Result<(), String> {
    let source = function
        .pointer("/Properties/Code/ZipFile")
        .and_then(Value::as_str)
        .ok_or("no string Properties.Code.ZipFile: the update API must be inline source")?;
    let container = constant(source, "CONTAINER")?;
    let repository = constant(source, "REPOSITORY")?;
    check_task_definition(template, &container, &repository)?;
    println!("{id} (container {container}, repository {repository})");
    let dir = out_dir.join(id);
    fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let index = dir.join("index.py");
    fs::write(&index, source).map_err(|e| format!("writing {}: {e}", index.display()))?;
    let dir = dir.strip_prefix(root).unwrap_or(&dir);
    let status = Command::new("python3")
        .arg(TEST_SCRIPT)
        .arg(dir)
        .args([&container, &repository])
        .current_dir(root)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => {
                format!("python3 is not on PATH; install Python 3, then `pip install '{MOTO_PIN}'`")
            }
            _ => format!("starting python3: {e}"),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the update API tests failed ({status}); read the unittest output above, fix \
             templates/edge-update-api.py.j2 and refresh the snapshots (`INSTA_UPDATE=always \
             cargo test -p stacks --test edge`, `cargo test -p synth`); rerun one with \
             `python3 {TEST_SCRIPT} {} {container} {repository}`",
            dir.display()
        ))
    }
}

/// The string assigned to `name` on a line `NAME = "..."` of `source`.
fn constant(source: &str, name: &str) -> Result<String, String> {
    let prefix = format!("{name} = ");
    let literal = source
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .ok_or_else(|| format!("the source has no line `{name} = \"...\"`"))?;
    // The template writes it with `tojson`, so a JSON string reads it back.
    serde_json::from_str(literal)
        .map_err(|e| format!("`{name} = {literal}` is not one JSON string: {e}"))
}

/// Fails unless a task definition of `template` has a container named
/// `container` whose image is a tag of `repository`.
fn check_task_definition(
    template: &Value,
    container: &str,
    repository: &str,
) -> Result<(), String> {
    let resources = template["Resources"].as_object().into_iter().flatten();
    let found = resources
        .filter(|(_, resource)| resource["Type"] == "AWS::ECS::TaskDefinition")
        .filter_map(|(_, resource)| resource["Properties"]["ContainerDefinitions"].as_array())
        .flatten()
        .filter(|definition| definition["Name"] == container)
        .filter_map(|definition| definition["Image"].as_str())
        .any(|image| {
            image
                .strip_prefix(repository)
                .is_some_and(|tag| tag.starts_with(':'))
        });
    if found {
        Ok(())
    } else {
        Err(format!(
            "no task definition of the template has a container named {container:?} running \
             {repository}:<tag>, so the function would register a revision that changes \
             nothing; the source's CONTAINER and REPOSITORY must name the server's container \
             and image (see update_api.rs)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{check_task_definition, constant};
    use serde_json::json;

    #[test]
    fn constants_are_read_as_json_strings() {
        let source = "ECS = boto3.client(\"ecs\")\nREPOSITORY = \"a/b\\\"c\"\nCONTAINER = \"es\"\n";
        assert_eq!(constant(source, "REPOSITORY").unwrap(), "a/b\"c");
        assert_eq!(constant(source, "CONTAINER").unwrap(), "es");
        assert!(constant(source, "TAG").is_err());
        assert!(constant("CONTAINER = es\n", "CONTAINER").is_err());
    }

    #[test]
    fn the_container_must_run_a_tag_of_the_repository() {
        let template = json!({"Resources": {"Task": {
            "Type": "AWS::ECS::TaskDefinition",
            "Properties": {"ContainerDefinitions": [{"Name": "es", "Image": "datafi/es:latest"}]},
        }}});
        assert!(check_task_definition(&template, "es", "datafi/es").is_ok());
        assert!(check_task_definition(&template, "es-analytics", "datafi/es").is_err());
        assert!(check_task_definition(&template, "es", "datafi/e").is_err());
        assert!(check_task_definition(&template, "es", "datafi/es-lambda").is_err());
    }
}
