//! The GitHub Action (`action.yml`): its scan and gate steps, run as GitHub runs them
//! (bash, the step's `env`, `GITHUB_OUTPUT`), on a real pull request: a clone of an
//! origin whose `main` has an accepted leak and whose branch adds one.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

mod common;

use common::git;

fn action() -> Yaml {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .expect("action.yml");
    YamlLoader::load_from_str(&text)
        .expect("valid YAML")
        .into_iter()
        .next()
        .expect("one document")
}

fn step<'a>(action: &'a Yaml, id: &str) -> &'a Yaml {
    action["runs"]["steps"]
        .as_vec()
        .expect("steps")
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("a step with id {id}"))
}

/// Runs a step's script as GitHub would: `${{ inputs.X }}` and friends are given in
/// `context`; returns (exit code, stdout, the outputs it wrote).
fn run_step(
    step: &Yaml,
    workspace: &Path,
    context: &HashMap<&str, String>,
) -> (i32, String, String) {
    let script = step["run"].as_str().expect("run");
    let temp = tempfile::tempdir().expect("tempdir");
    let outputs = temp.path().join("output");
    std::fs::write(&outputs, "").expect("write");
    let mut cmd = Command::new("bash");
    common::isolate_cache(&mut cmd);
    cmd.args(["-e", "-c", script])
        .current_dir(workspace)
        .env("GITHUB_OUTPUT", &outputs)
        .env("RUNNER_TEMP", temp.path());
    for (name, value) in step["env"].as_hash().expect("env") {
        let expression = value.as_str().expect("env value");
        let key = expression
            .trim_start_matches("${{")
            .trim_end_matches("}}")
            .trim();
        let resolved = context
            .get(key)
            .unwrap_or_else(|| panic!("the test gives {key}"));
        cmd.env(name.as_str().expect("env name"), resolved);
    }
    let out = cmd.output().expect("bash");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        std::fs::read_to_string(&outputs).expect("outputs"),
    )
}

#[test]
fn the_action_uploads_everything_and_fails_only_on_what_a_pull_request_adds() {
    let action = action();
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let uses: Vec<&str> = action["runs"]["steps"]
        .as_vec()
        .expect("steps")
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses
        .iter()
        .any(|u| u.starts_with("github/codeql-action/upload-sarif@")));

    // origin: main with an old leak; a clone checked out on a pull request's branch.
    let dir = tempfile::tempdir().expect("tempdir");
    let origin = dir.path().join("origin");
    let file = "app/src/main/java/app/Device.java";
    std::fs::create_dir_all(origin.join("app/src/main/java/app")).expect("mkdir");
    std::fs::write(origin.join(file), common::DEVICE_LOG).expect("write");
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "."]);
    git(&origin, &["commit", "-q", "-m", "base"]);
    let workspace = dir.path().join("workspace");
    let cloned = Command::new("git")
        .args(["clone", "-q", "--depth=1", "--branch", "main"])
        .arg(&origin)
        .arg(&workspace)
        .output()
        .expect("git clone");
    assert!(cloned.status.success());
    git(&workspace, &["checkout", "-q", "-b", "feature"]);

    let mut context: HashMap<&str, String> = HashMap::from([
        (
            "steps.build.outputs.bin",
            env!("CARGO_BIN_EXE_piitrace").to_string(),
        ),
        ("inputs.path", ".".to_string()),
        ("inputs.baseline", String::new()),
        ("inputs.fail-on", "warning".to_string()),
        ("github.base_ref", "main".to_string()),
    ]);

    // A branch that changes nothing personal passes, although main has a leak.
    let (code, stdout, outputs) = run_step(step(&action, "gate"), &workspace, &context);
    assert_eq!(code, 0, "{stdout}");
    assert!(outputs.contains("failed=false"));
    assert!(!stdout.contains("::warning"), "{stdout}");

    // The scan step writes the whole SARIF report for upload.
    let (code, _, outputs) = run_step(step(&action, "scan"), &workspace, &context);
    assert_eq!(code, 0);
    let sarif_path = outputs
        .lines()
        .find_map(|l| l.strip_prefix("sarif="))
        .expect("sarif output");
    assert!(sarif_path.ends_with("piitrace.sarif"));

    // The branch adds a leak of the phone number: the gate fails and annotates it alone.
    std::fs::write(
        workspace.join(file),
        common::DEVICE_LOG.replace(
            "        Log.d(\"device\", id);\n",
            "        Log.d(\"device\", id);\n        Log.i(\"welcome\", tm.getLine1Number());\n",
        ),
    )
    .expect("write");
    git(&workspace, &["commit", "-q", "-am", "welcome"]);
    let (code, stdout, outputs) = run_step(step(&action, "gate"), &workspace, &context);
    assert_eq!(code, 1, "{stdout}");
    assert!(outputs.contains("failed=true"));
    let annotations: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("::warning") || l.starts_with("::error file"))
        .collect();
    assert!(!annotations.is_empty());
    assert!(
        annotations.iter().all(|a| a.contains("line=12")),
        "only the new line: {annotations:?}"
    );

    // On a push (no base) with a baseline of everything, nothing fails.
    let baseline = workspace.join("piitrace-baseline.json");
    let created = common::command()
        .args(["baseline", "create"])
        .arg(&baseline)
        .arg(&workspace)
        .output()
        .expect("baseline create");
    assert!(created.status.success());
    context.insert("github.base_ref", String::new());
    context.insert("inputs.baseline", "piitrace-baseline.json".to_string());
    let (code, stdout, _) = run_step(step(&action, "gate"), &workspace, &context);
    assert_eq!(code, 0, "{stdout}");
}
