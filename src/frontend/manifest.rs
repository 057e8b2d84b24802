//! Android manifests: which activities the launcher starts (their `onCreate` is
//! startup, shared/RULES.md), which permissions the app requests (PI204), and which
//! components a permission protects (those only the system reaches after the user
//! gave the app a role are prompted, PI101).

use crate::ir::{FileId, Pos, Span};

const TOOLS_NS: &str = "http://schemas.android.com/tools";

/// What piitrace reads from one `AndroidManifest.xml`.
#[derive(Debug, Default)]
pub struct Manifest {
    /// Launcher activities, as written (`.MainActivity`, `com.x.Main`).
    pub launchers: Vec<String>,
    /// Every `<uses-permission>` and `<uses-permission-sdk-23>` element.
    pub permissions: Vec<UsesPermission>,
    /// The actions each component's intent filters name: (component as written,
    /// actions), for activities, services and receivers.
    pub filters: Vec<(String, Vec<String>)>,
    /// Activities no other app can start (as written): `android:exported="false"`,
    /// or no intent filter and no `exported` attribute (the platform's default).
    pub private_activities: Vec<String>,
    /// Components declared `android:enabled="false"` (as written): they never run
    /// unless the app enables them.
    pub disabled: Vec<String>,
    /// Receivers and services only the holders of a permission may start or send
    /// to: (component as written, the permission).
    pub protected: Vec<(String, String)>,
}

/// A `<uses-permission>` (or `<uses-permission-sdk-23>`) element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsesPermission {
    /// `android.permission.READ_CONTACTS`, as written.
    pub name: String,
    /// `tools:node="remove"` (or `removeAll`): the element takes the permission out
    /// of the merged manifest instead of requesting it.
    pub removed: bool,
    /// The element, from its `<` to the end of its closing tag.
    pub span: Span,
}

/// Reads the launcher activities and the requested permissions of a manifest; a
/// manifest that does not parse yields an error message.
pub fn parse(file: FileId, text: &str) -> Result<Manifest, String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    Ok(Manifest {
        launchers: launchers(&doc),
        permissions: permissions(file, text, &doc),
        filters: filters(&doc),
        private_activities: private_activities(&doc),
        disabled: doc
            .descendants()
            .filter(|n| {
                matches!(
                    n.tag_name().name(),
                    "activity" | "service" | "receiver" | "provider"
                ) && android(*n, "enabled").as_deref() == Some("false")
            })
            .filter_map(|n| android(n, "name"))
            .collect(),
        protected: doc
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "service" | "receiver"))
            .filter_map(|n| Some((android(n, "name")?, android(n, "permission")?)))
            .collect(),
    })
}

/// Activities other apps cannot start: exported `false`, or, without the attribute,
/// no intent filter (https://developer.android.com/guide/topics/manifest/activity-element#exported).
fn private_activities(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == "activity")
        .filter(|n| match android(*n, "exported").as_deref() {
            Some(e) => e == "false",
            None => !n.children().any(|c| c.tag_name().name() == "intent-filter"),
        })
        .filter_map(|n| android(n, "name"))
        .collect()
}

/// The actions the intent filters of each activity, service and receiver name.
fn filters(doc: &roxmltree::Document) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for node in doc.descendants() {
        let component = match node.tag_name().name() {
            "activity" | "service" | "receiver" => android(node, "name"),
            "activity-alias" => android(node, "targetActivity"),
            _ => continue,
        };
        let actions: Vec<String> = node
            .children()
            .filter(|c| c.tag_name().name() == "intent-filter")
            .flat_map(|f| f.children())
            .filter(|c| c.tag_name().name() == "action")
            .filter_map(|c| android(c, "name"))
            .collect();
        if let (Some(name), false) = (component, actions.is_empty()) {
            out.push((name, actions));
        }
    }
    out
}

fn android(n: roxmltree::Node, attr: &str) -> Option<String> {
    n.attributes()
        .find(|a| a.name() == attr)
        .map(|a| a.value().to_string())
}

/// Names of the activities (as written: `.MainActivity`, `com.x.Main`) with an
/// intent filter for `android.intent.action.MAIN` and
/// `android.intent.category.LAUNCHER`, aliases resolved to their target.
fn launchers(doc: &roxmltree::Document) -> Vec<String> {
    let mut out = Vec::new();
    for node in doc.descendants() {
        let target = match node.tag_name().name() {
            "activity" => android(node, "name"),
            "activity-alias" => android(node, "targetActivity"),
            _ => continue,
        };
        let launcher = node
            .children()
            .filter(|c| c.tag_name().name() == "intent-filter")
            .any(|filter| {
                let has = |tag: &str, value: &str| {
                    filter.children().any(|c| {
                        c.tag_name().name() == tag && android(c, "name").as_deref() == Some(value)
                    })
                };
                has("action", "android.intent.action.MAIN")
                    && has("category", "android.intent.category.LAUNCHER")
            });
        if launcher {
            out.extend(target);
        }
    }
    out
}

/// The `<uses-permission>` and `<uses-permission-sdk-23>` elements under `<manifest>`.
fn permissions(file: FileId, text: &str, doc: &roxmltree::Document) -> Vec<UsesPermission> {
    let root = doc.root_element();
    if root.tag_name().name() != "manifest" {
        return Vec::new();
    }
    root.children()
        .filter(|n| {
            n.is_element()
                && matches!(
                    n.tag_name().name(),
                    "uses-permission" | "uses-permission-sdk-23"
                )
        })
        .filter_map(|n| {
            let name = android(n, "name")?.trim().to_string();
            let removed = n.attributes().any(|a| {
                a.namespace() == Some(TOOLS_NS)
                    && a.name() == "node"
                    && matches!(a.value().trim(), "remove" | "removeAll")
            });
            let range = n.range();
            Some(UsesPermission {
                name,
                removed,
                span: Span {
                    file,
                    start: pos_at(text, range.start),
                    end: pos_at(text, range.end),
                    start_byte: range.start as u32,
                    end_byte: range.end as u32,
                },
            })
        })
        .collect()
}

/// The 0-based line and byte column of a byte offset.
fn pos_at(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line: before.matches('\n').count() as u32,
        col: (before.len() - line_start) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_launcher_activities_and_alias_targets() {
        let text = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android">
  <application>
    <activity android:name=".MainActivity" android:exported="true">
      <intent-filter>
        <action android:name="android.intent.action.MAIN" />
        <category android:name="android.intent.category.LAUNCHER" />
      </intent-filter>
    </activity>
    <activity android:name=".SettingsActivity" />
    <activity-alias android:name=".Alias" android:targetActivity="com.x.Splash">
      <intent-filter>
        <action android:name="android.intent.action.MAIN" />
        <category android:name="android.intent.category.LAUNCHER" />
      </intent-filter>
    </activity-alias>
  </application>
</manifest>"#;
        assert_eq!(
            parse(0, text).map(|m| m.launchers).unwrap_or_default(),
            vec![".MainActivity".to_string(), "com.x.Splash".to_string()]
        );
        assert!(parse(0, "<manifest").is_err());
    }

    fn permissions_of(text: &str) -> Vec<UsesPermission> {
        parse(7, text).map(|m| m.permissions).unwrap_or_default()
    }

    #[test]
    fn finds_requested_permissions_at_their_elements() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>
<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"
    xmlns:tools=\"http://schemas.android.com/tools\">
    <uses-permission android:name=\"android.permission.INTERNET\" />
  <uses-permission-sdk-23 android:name=\"android.permission.READ_CONTACTS\"/>
    <uses-permission
        android:name=\"android.permission.CAMERA\"
        android:maxSdkVersion=\"28\" />
    <uses-permission android:name=\"android.permission.READ_PHONE_STATE\" tools:node=\"remove\" />
    <permission android:name=\"com.x.permission.OWN\" />
    <application>
        <uses-permission android:name=\"android.permission.NOT_HERE\" />
    </application>
</manifest>";
        let found = permissions_of(text);
        let names: Vec<(&str, bool)> = found.iter().map(|p| (p.name.as_str(), p.removed)).collect();
        assert_eq!(
            names,
            vec![
                ("android.permission.INTERNET", false),
                ("android.permission.READ_CONTACTS", false),
                ("android.permission.CAMERA", false),
                ("android.permission.READ_PHONE_STATE", true),
            ]
        );
        // 0-based lines, byte columns: the element's `<` to its end.
        let at = |p: &UsesPermission| (p.span.start.line, p.span.start.col, p.span.end.line);
        assert_eq!(at(&found[0]), (3, 4, 3));
        assert_eq!(at(&found[1]), (4, 2, 4));
        assert_eq!(at(&found[2]), (5, 4, 7));
        assert_eq!(found[2].span.file, 7);
        let element = &text[found[1].span.start_byte as usize..found[1].span.end_byte as usize];
        assert_eq!(
            element,
            "<uses-permission-sdk-23 android:name=\"android.permission.READ_CONTACTS\"/>"
        );
        assert_eq!(
            found[1].span.end.col,
            found[1].span.start.col + element.len() as u32
        );
    }

    #[test]
    fn positions_count_bytes_after_a_byte_order_mark_and_crlf() {
        let text = "\u{feff}<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\r\n  <!-- é -->\r\n\t<uses-permission android:name=\"android.permission.CAMERA\"/>\r\n</manifest>";
        let found = permissions_of(text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].span.start.line, found[0].span.start.col), (2, 1));
    }

    #[test]
    fn every_truncation_of_a_manifest_parses_or_fails_cleanly() {
        let text = "<?xml version=\"1.0\"?>\n<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" xmlns:tools=\"http://schemas.android.com/tools\">\n  <!-- 快车 -->\n  <uses-permission android:name=\"android.permission.CAMERA\" tools:node=\"remove\"/>\n  <uses-permission-sdk-23 android:name=\"android.permission.READ_SMS\" />\n</manifest>\n";
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            if let Ok(m) = parse(0, &text[..end]) {
                for p in m.permissions {
                    assert!(
                        p.span.start_byte <= p.span.end_byte && p.span.end_byte as usize <= end
                    );
                }
            }
        }
    }

    #[test]
    fn malformed_manifests_are_errors_not_panics() {
        for text in [
            "",
            "<manifest",
            "<manifest><uses-permission tools:node=\"remove\"/></manifest>",
            "<?xml version=\"1.0\"?><!DOCTYPE manifest [<!ENTITY a \"b\">]><manifest/>",
        ] {
            assert!(parse(0, text).is_err(), "{text}");
        }
        // Not a manifest, or an element without a name: nothing requested.
        assert!(permissions_of("<resources><uses-permission name=\"x\"/></resources>").is_empty());
        assert!(permissions_of("<manifest><uses-permission/></manifest>").is_empty());
        assert_eq!(
            permissions_of("<manifest><uses-permission name=\" x \"/></manifest>")[0].name,
            "x"
        );
    }
}
