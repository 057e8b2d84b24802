//! Android manifests: which activities the launcher starts (their `onCreate` is
//! startup, shared/RULES.md).

/// Names of the activities (as written: `.MainActivity`, `com.x.Main`) with an
/// intent filter for `android.intent.action.MAIN` and
/// `android.intent.category.LAUNCHER`, aliases resolved to their target. A manifest
/// that does not parse yields an error message.
pub fn launcher_activities(text: &str) -> Result<Vec<String>, String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let android = |n: roxmltree::Node, attr: &str| -> Option<String> {
        n.attributes()
            .find(|a| a.name() == attr)
            .map(|a| a.value().to_string())
    };
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
    Ok(out)
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
            launcher_activities(text).unwrap_or_default(),
            vec![".MainActivity".to_string(), "com.x.Splash".to_string()]
        );
        assert!(launcher_activities("<manifest").is_err());
    }
}
