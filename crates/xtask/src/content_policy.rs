//! The content policy is written in three places that must agree: Trunk.toml's `[serve] headers`
//! (what `cargo xtask serve` sends), the end-to-end harness (what every browser test enforces) and
//! README.md (what self-hosters are told to send). Only the tests below read them; nothing at run time
//! needs this module.

#[cfg(test)]
mod tests {
    use crate::shell::repo_root;

    fn read(relative: &str) -> String {
        std::fs::read_to_string(repo_root().join(relative))
            .unwrap_or_else(|error| panic!("reading {relative}: {error}"))
    }

    /// The value of `"Content-Security-Policy" = "..."` in Trunk.toml.
    fn policy_in_trunk_toml() -> String {
        let toml = read("Trunk.toml");
        let line = toml
            .lines()
            .find(|line| line.starts_with("headers") && line.contains("Content-Security-Policy"))
            .expect("Trunk.toml's [serve] sends a Content-Security-Policy header");
        let after_key = line
            .split_once("\"Content-Security-Policy\" = \"")
            .expect("the header is written as a TOML string")
            .1;
        after_key
            .split_once('"')
            .expect("the string is closed")
            .0
            .to_string()
    }

    /// `CONTENT_SECURITY_POLICY` in tests/e2e/harness.mjs: a sum of double-quoted string literals.
    fn policy_in_harness() -> String {
        let harness = read("tests/e2e/harness.mjs");
        let start = harness
            .find("export const CONTENT_SECURITY_POLICY =")
            .expect("the harness exports CONTENT_SECURITY_POLICY");
        let statement = &harness[start..];
        // The policy itself holds semicolons, so the statement ends at the first `;` outside quotes.
        let mut policy = String::new();
        let mut inside = false;
        for character in statement.chars().skip_while(|&c| c != '=').skip(1) {
            match character {
                '"' => inside = !inside,
                ';' if !inside => break,
                _ if inside => policy.push(character),
                _ => {}
            }
        }
        policy
    }

    #[test]
    fn trunk_serve_sends_the_policy_the_browser_tests_enforce() {
        let trunk = policy_in_trunk_toml();
        assert!(
            trunk.starts_with("default-src 'self';"),
            "unexpected policy in Trunk.toml: {trunk}"
        );
        assert_eq!(trunk, policy_in_harness());
    }

    #[test]
    fn the_readme_tells_self_hosters_the_same_policy_for_each_server() {
        let readme = read("README.md");
        let policy = policy_in_trunk_toml();
        for expected in [
            format!("Content-Security-Policy: {policy}"),
            // nginx, Apache and Caddy, in the self-hosting section's examples.
            format!("add_header Content-Security-Policy \"{policy}\" always;"),
            format!("Header always set Content-Security-Policy \"{policy}\""),
            format!("header Content-Security-Policy \"{policy}\""),
        ] {
            assert!(
                readme.contains(&expected),
                "README.md does not show `{expected}`"
            );
        }
    }
}
