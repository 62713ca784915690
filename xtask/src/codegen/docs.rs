//! The spec's documentation (Markdown from the CloudFormation User Guide)
//! made safe for rustdoc.
//!
//! Written as it is, the text would make rustdoc warn or worse: `[Foo]`
//! is read as an intra-doc link, `<bucket-name>` as an unclosed HTML tag,
//! a bare `https://` address trips `rustdoc::bare_urls`, an indented line
//! becomes a code block and a fenced block a doctest that cargo compiles.
//! So, outside code spans: brackets that are not a `[text](url)` link are
//! escaped, `<` is escaped, bare addresses become autolinks; lines lose
//! their indentation; fences become `text` blocks.

/// `text` as rustdoc-safe Markdown, line by line.
pub fn markdown(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\u{0}', "");
    let mut out = String::new();
    let mut in_fence = false;
    let mut blank = true;
    let mut in_list = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("```") {
            out.push_str(if in_fence { "```" } else { "```text" });
            out.push('\n');
            in_fence = !in_fence;
            blank = false;
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            in_list = false;
            continue;
        }
        let item = is_list_item(line);
        if in_list && !item {
            // A line after a list item would continue it lazily, which
            // reads ambiguously (clippy's `doc_lazy_continuation`): it
            // starts a paragraph of its own.
            out.push('\n');
        }
        in_list = item;
        out.push_str(&inline(line));
        out.push('\n');
        blank = false;
    }
    if in_fence {
        out.push_str("```\n");
    }
    out.trim_end().to_string()
}

/// One line outside fences: code spans kept, the rest escaped.
fn inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&c| c == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                match close {
                    Some(j) => {
                        out.extend(&chars[i..j + run]);
                        i = j + run;
                    }
                    None => {
                        // A lone backtick is text.
                        for _ in 0..run {
                            out.push_str("\\`");
                        }
                        i += run;
                    }
                }
            }
            '[' => match link_end(&chars, i) {
                Some(end) => {
                    let text: String = chars[i + 1..end.0].iter().collect();
                    let url: String = chars[end.0 + 2..end.1].iter().collect();
                    out.push('[');
                    out.push_str(&inline(&text));
                    out.push_str("](");
                    out.push_str(&url.replace(' ', "%20"));
                    out.push(')');
                    i = end.1 + 1;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '<' => {
                out.push_str("\\<");
                i += 1;
            }
            '>' if i > 0 => {
                out.push_str("\\>");
                i += 1;
            }
            '\\' => {
                out.push_str("\\\\");
                i += 1;
            }
            'h' if starts_url(&chars[i..]) => {
                let mut end = i;
                while end < chars.len()
                    && !chars[end].is_whitespace()
                    && !matches!(chars[end], '<' | '>' | '"' | '`' | ')' | '(' | '[' | ']')
                {
                    end += 1;
                }
                while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '\'') {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// `- a`, `+ b`, `* c`, `1. d`.
fn is_list_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 {
        return rest.starts_with(". ") || rest.starts_with(") ");
    }
    ["- ", "+ ", "* "]
        .iter()
        .any(|marker| line.starts_with(marker))
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("https://") || head.starts_with("http://")
}

/// For a `[` at `start`: the index of its `]` and of the `)` closing the
/// `(url)` right after it, when the two form a link.
fn link_end(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (j, &c) in chars.iter().enumerate().skip(start) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let url_end = (close + 2..chars.len()).find(|&j| chars[j] == ')')?;
    let url: String = chars[close + 2..url_end].iter().collect();
    (url.starts_with("http") || url.starts_with('#') || url.starts_with('/'))
        .then_some((close, url_end))
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn links_and_code_spans_are_kept() {
        let text = "See [CreateTable](https://docs.aws.amazon.com/x.html) and `a[0] <b>`.";
        assert_eq!(markdown(text), text);
    }

    #[test]
    fn brackets_tags_and_bare_urls_are_escaped() {
        assert_eq!(
            markdown("Use [a, b] or <bucket-name>, see https://example.com/x."),
            "Use \\[a, b\\] or \\<bucket-name\\>, see <https://example.com/x>."
        );
    }

    #[test]
    fn indentation_goes_and_fences_become_text() {
        assert_eq!(
            markdown("Example:\n\n    indented\n```json\n{}\n```\n\n\n\nEnd"),
            "Example:\n\nindented\n```text\n{}\n```\n\nEnd"
        );
    }

    #[test]
    fn a_line_after_a_list_starts_a_paragraph() {
        assert_eq!(
            markdown("Values:\n- a\n+  b\n1. c\nAfter"),
            "Values:\n- a\n+  b\n1. c\n\nAfter"
        );
    }

    #[test]
    fn a_quote_at_the_start_of_a_line_stays_a_quote() {
        assert_eq!(markdown("> Note: x > y"), "> Note: x \\> y");
    }

    #[test]
    fn lone_backticks_and_backslashes_are_text() {
        assert_eq!(markdown("a ` b \\d"), "a \\` b \\\\d");
    }
}
