//! Dependency declarations in Gradle build files and version catalogs.
//!
//! Only what the SDK inventory needs: the Maven coordinates `group:artifact[:version]`
//! a build declares. Groovy and Kotlin DSL both write them as string literals
//! (`implementation 'com.umeng.umsdk:common:9.4.7'`,
//! `implementation("cn.jiguang.sdk:jpush:5.0.0")`); catalogs as `module = "g:a"` or
//! `group = "g", name = "a"`.

/// A declared dependency and the 0-based line it is declared on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub coordinate: String,
    pub line: u32,
}

const CONFIGURATIONS: &[&str] = &[
    "implementation",
    "api",
    "compile",
    "compileOnly",
    "runtimeOnly",
    "kapt",
    "ksp",
    "annotationProcessor",
    "debugImplementation",
    "releaseImplementation",
];

pub fn dependencies(text: &str, is_catalog: bool) -> Vec<Dependency> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // A catalog's libraries are its coordinate strings, in any of its forms
        // (`x = "g:a:v"`, `x = { module = "g:a" }`, `x = { group = "g", name = "a" }`).
        let declares = is_catalog || declares_dependency(trimmed);
        if !declares {
            continue;
        }
        for literal in string_literals(trimmed) {
            if looks_like_coordinate(literal) {
                out.push(Dependency {
                    coordinate: literal.to_string(),
                    line: i as u32,
                });
            }
        }
        if is_catalog {
            if let (Some(g), Some(n)) = (value_of(trimmed, "group"), value_of(trimmed, "name")) {
                out.push(Dependency {
                    coordinate: format!("{g}:{n}"),
                    line: i as u32,
                });
            }
        }
    }
    out
}

/// Whether a build file's line starts with a configuration the app ships:
/// `implementation`, a flavour's or build type's (`gplayImplementation`, also quoted
/// as Kotlin writes it: `"gplayImplementation"(..)`), not a test's.
fn declares_dependency(line: &str) -> bool {
    let quoted = line.strip_prefix('"');
    let rest = quoted.unwrap_or(line);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (name, mut after) = rest.split_at(end);
    if quoted.is_some() {
        match after.strip_prefix('"') {
            Some(a) => after = a,
            None => return false,
        }
    }
    let follows = after
        .chars()
        .next()
        .is_some_and(|ch| ch == ' ' || ch == '(' || ch == '\'' || ch == '"');
    if !follows || name.starts_with("test") || name.starts_with("androidTest") {
        return false;
    }
    CONFIGURATIONS.iter().any(|c| {
        name == *c
            || name.strip_suffix(&c[1..]).is_some_and(|prefix| {
                prefix.len() > 1
                    && prefix.ends_with(c[..1].to_ascii_uppercase().as_str())
                    && prefix.starts_with(|ch: char| ch.is_ascii_lowercase())
            })
    })
}

fn string_literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['\'', '"']) {
        let quote = rest.as_bytes()[start] as char;
        let after = &rest[start + 1..];
        match after.find(quote) {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

fn looks_like_coordinate(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() >= 2
        && parts[0].contains('.')
        && parts[..2].iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        })
}

fn value_of<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let idx = line.find(&format!("{key} ="))?;
    string_literals(&line[idx..]).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groovy_kotlin_and_catalog_forms() {
        let groovy = "dependencies {\n  implementation 'com.umeng.umsdk:common:9.4.7'\n  testImplementation 'junit:junit:4.13'\n}";
        assert_eq!(
            dependencies(groovy, false),
            vec![Dependency {
                coordinate: "com.umeng.umsdk:common:9.4.7".into(),
                line: 1
            }]
        );
        let kts = "    implementation(\"cn.jiguang.sdk:jpush:5.0.0\")";
        assert_eq!(
            dependencies(kts, false)[0].coordinate,
            "cn.jiguang.sdk:jpush:5.0.0"
        );
        let catalog = "umeng = { module = \"com.umeng.umsdk:common\", version = \"9\" }\nbugly = { group = \"com.tencent.bugly\", name = \"crashreport\" }";
        let deps = dependencies(catalog, true);
        assert_eq!(deps[0].coordinate, "com.umeng.umsdk:common");
        assert_eq!(deps[1].coordinate, "com.tencent.bugly:crashreport");
    }

    #[test]
    fn flavour_configurations_and_plain_catalog_strings() {
        let kts = "  \"gplayImplementation\"(\"com.google.firebase:firebase-messaging:25.1.2\")\n  fdroidImplementation(\"org.example:free:1\")\n  androidTestImplementation(\"androidx.test:runner:1\")\n  testImplementation(\"junit.x:junit:4\")\n  implementationFoo(\"a.b:c:1\")";
        let deps: Vec<String> = dependencies(kts, false)
            .into_iter()
            .map(|d| d.coordinate)
            .collect();
        assert_eq!(
            deps,
            [
                "com.google.firebase:firebase-messaging:25.1.2",
                "org.example:free:1"
            ]
        );
        let catalog = "[versions]\nsentry = \"7.3.0\"\n[libraries]\nsentry-android = \"io.sentry:sentry-android:7.3.0\"\n[plugins]\nandroid = { id = \"com.android.application\", version = \"8\" }";
        let deps = dependencies(catalog, true);
        assert_eq!(deps.len(), 1);
        assert_eq!(deps[0].coordinate, "io.sentry:sentry-android:7.3.0");
    }
}
