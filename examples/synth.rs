//! A synthetic Android project of a given size, for measuring how scan cost grows with
//! the code (BENCHMARKS.md): `cargo run --release --example synth -- OUT LINES`.
//!
//! The code is shaped like an app's: packages of screens, repositories, models and
//! helpers in Java and Kotlin (about 3:1), calling each other across files, with a few
//! reads of personal data that reach logs, storage and the network through helpers, so
//! the analysis has real work at every size. The same LINES always gives the same files.

use std::fmt::Write as _;
use std::path::Path;

#[path = "../tests/common/rng.rs"]
mod rng;
use rng::Rng;

const SOURCES: [&str; 4] = [
    "tm.getDeviceId()",
    "lm.getLastKnownLocation(\"gps\").getLatitude() + \"\"",
    "phoneEdit.getText().toString()",
    "tm.getLine1Number()",
];

fn java_class(pkg: &str, name: &str, calls: &[String], rng: &mut Rng, lines: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "package {pkg};\n\nimport android.location.LocationManager;\nimport android.telephony.TelephonyManager;\nimport android.util.Log;\nimport android.widget.EditText;\nimport java.util.ArrayList;\nimport java.util.List;\n\npublic class {name} {{\n    private TelephonyManager tm;\n    private LocationManager lm;\n    private EditText phoneEdit;\n    private final List<String> items = new ArrayList<>();\n    private int counter;\n"
    );
    let mut written = 16;
    let mut m = 0;
    while written + 12 < lines {
        let _ = writeln!(s, "    public String step{m}(String input, int n) {{");
        let _ = writeln!(
            s,
            "        String value = input == null ? \"\" : input.trim();"
        );
        let _ = writeln!(s, "        for (int i = 0; i < n; i++) {{");
        let _ = writeln!(s, "            counter += i * {};", rng.below(7) + 1);
        let _ = writeln!(s, "            items.add(value + i);");
        let _ = writeln!(s, "        }}");
        if rng.below(40) == 0 {
            let src = SOURCES[rng.below(SOURCES.len())];
            let _ = writeln!(s, "        String personal = {src};");
            let _ = writeln!(s, "        Log.d(\"{name}\", \"value \" + personal);");
        } else {
            let _ = writeln!(s, "        String personal = value.toUpperCase();");
            let _ = writeln!(s, "        Log.d(\"{name}\", \"size \" + items.size());");
        }
        match calls.get(rng.below(calls.len() + 1)) {
            Some(target) => {
                let _ = writeln!(s, "        return {target}(personal, n - 1);");
            }
            None => {
                let _ = writeln!(s, "        return personal + counter;");
            }
        }
        let _ = writeln!(s, "    }}\n");
        written += 11;
        m += 1;
    }
    s.push_str("}\n");
    s
}

fn kotlin_class(pkg: &str, name: &str, calls: &[String], rng: &mut Rng, lines: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "package {pkg}\n\nimport android.content.SharedPreferences\nimport android.telephony.TelephonyManager\nimport android.util.Log\n\nclass {name}(private val tm: TelephonyManager, private val prefs: SharedPreferences) {{\n    private val cache = mutableMapOf<String, String>()\n"
    );
    let mut written = 9;
    let mut m = 0;
    while written + 10 < lines {
        let _ = writeln!(s, "    fun load{m}(key: String, n: Int): String {{");
        let _ = writeln!(
            s,
            "        val base = cache.getOrPut(key) {{ key.lowercase() }}"
        );
        let _ = writeln!(s, "        val parts = (0 until n).map {{ \"$base-$it\" }}");
        if rng.below(40) == 0 {
            let _ = writeln!(s, "        val id = tm.deviceId");
            let _ = writeln!(s, "        prefs.edit().putString(\"id\", id).apply()");
        } else {
            let _ = writeln!(s, "        val id = parts.joinToString(\",\")");
            let _ = writeln!(s, "        Log.v(\"{name}\", \"parts ${{parts.size}}\")");
        }
        match calls.get(rng.below(calls.len() + 1)) {
            Some(target) => {
                let _ = writeln!(s, "        return {target}(id, n - 1)");
            }
            None => {
                let _ = writeln!(s, "        return id + base");
            }
        }
        let _ = writeln!(s, "    }}\n");
        written += 9;
        m += 1;
    }
    s.push_str("}\n");
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(lines)) = (args.next(), args.next()) else {
        eprintln!("usage: synth OUT LINES");
        std::process::exit(2);
    };
    let out = Path::new(&out);
    let total: usize = lines.replace('_', "").parse()?;
    let per_file = 400;
    let files = total.div_ceil(per_file).max(1);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let per_package = 25;
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("settings.gradle"), "include ':app'\n")?;
    for i in 0..files {
        let pkg = format!("com.example.synth.p{}", i / per_package);
        let dir = out.join("app/src/main/java").join(pkg.replace('.', "/"));
        std::fs::create_dir_all(&dir)?;
        // Calls to static-looking helpers of the package's earlier classes (Java) or
        // to own methods (Kotlin), so flows cross functions and files.
        let kotlin = i % 4 == 3;
        let name = format!("{}{i}", if kotlin { "Store" } else { "Screen" });
        let calls: Vec<String> = (0..3)
            .map(|k| {
                if kotlin {
                    format!("load{k}")
                } else {
                    format!("step{k}")
                }
            })
            .collect();
        let text = if kotlin {
            kotlin_class(&pkg, &name, &calls, &mut rng, per_file)
        } else {
            java_class(&pkg, &name, &calls, &mut rng, per_file)
        };
        let ext = if kotlin { "kt" } else { "java" };
        std::fs::write(dir.join(format!("{name}.{ext}")), text)?;
    }
    eprintln!(
        "synth: {files} files of about {per_file} lines in {}",
        out.display()
    );
    Ok(())
}
