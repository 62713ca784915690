//! The extra environment variables a config may give a container or a
//! function: names the runtime accepts, and none the stack or AWS sets,
//! so a typo or a clash is a config error naming the variable instead of
//! a failed deploy or a secret silently replaced by a plain value.

use framework::config::{problem, Problem};

/// Where the variables go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs {
    /// An ECS container: letters, digits and underscores, not starting
    /// with a digit.
    Container,
    /// A Lambda function (or a container whose variables a function gets
    /// too): a letter, then letters, digits and underscores, and nothing
    /// in the prefixes AWS reserves.
    Function,
}

/// Prefixes Lambda (`AWS_`, `LAMBDA_`) and ECS (`ECS_`) set variables in.
const AWS_PREFIXES: [&str; 3] = ["AWS_", "ECS_", "LAMBDA_"];

/// Every problem with the variables `names` at `at` (the JSON pointer of
/// the `environment` map's owner), where the stack itself sets
/// `set_by_stack`.
pub fn problems<'a>(
    at: &str,
    names: impl IntoIterator<Item = &'a String>,
    set_by_stack: &[&str],
    runs: Runs,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for name in names {
        let at = format!(
            "{at}/environment/{}",
            name.replace('~', "~0").replace('/', "~1")
        );
        let given = format!("{name:?}");
        let body = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let first = name.chars().next();
        let (well_formed, rule) = match runs {
            Runs::Container => (
                body && first.is_some_and(|c| !c.is_ascii_digit()),
                "is not an environment variable name: it must be letters, digits and \
                 underscores, not starting with a digit",
            ),
            Runs::Function => (
                body && first.is_some_and(|c| c.is_ascii_alphabetic()) && name.len() > 1,
                "is not a Lambda environment variable name: it must be a letter, then \
                 letters, digits and underscores",
            ),
        };
        if !well_formed {
            problems.push(problem(&at, given, rule));
        } else if set_by_stack.contains(&name.as_str()) {
            problems.push(problem(
                &at,
                given,
                "is set by the stack (a setting or a secret it provides); it cannot be given",
            ));
        } else if runs == Runs::Function
            && AWS_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
        {
            problems.push(problem(
                &at,
                given,
                "is in a prefix AWS reserves (AWS_, ECS_, LAMBDA_)",
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(names: &[&str], runs: Runs) -> Vec<String> {
        let names: Vec<String> = names.iter().map(|name| name.to_string()).collect();
        problems("/app", &names, &["QUEUE_URL"], runs)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn containers_take_any_shell_name_the_stack_does_not_set() {
        assert!(check(
            &["LOG_LEVEL", "_PRIVATE", "AWS_MAX_ATTEMPTS"],
            Runs::Container
        )
        .is_empty());
        assert_eq!(
            check(&["1ST", "A-B", "QUEUE_URL"], Runs::Container),
            [
                "/app/environment/1ST: \"1ST\" is not an environment variable name: it must \
                 be letters, digits and underscores, not starting with a digit",
                "/app/environment/A-B: \"A-B\" is not an environment variable name: it must \
                 be letters, digits and underscores, not starting with a digit",
                "/app/environment/QUEUE_URL: \"QUEUE_URL\" is set by the stack (a setting or a \
                 secret it provides); it cannot be given",
            ]
        );
    }

    #[test]
    fn functions_also_refuse_what_lambda_reserves() {
        assert!(check(&["LOG_LEVEL"], Runs::Function).is_empty());
        let problems = check(
            &["_HANDLER", "X", "AWS_REGION", "LAMBDA_TASK_ROOT"],
            Runs::Function,
        );
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[2].ends_with("is in a prefix AWS reserves (AWS_, ECS_, LAMBDA_)"));
        // Names become JSON pointer tokens: `/` is escaped.
        assert!(check(&["a/b"], Runs::Container)[0].starts_with("/app/environment/a~1b: "));
    }
}
