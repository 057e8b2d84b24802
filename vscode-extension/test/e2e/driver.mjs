// Drives code-server in headless Chromium: opens the workspace with the extension
// tests as the extension host's test module, waits for their result
// (window.codeAutomationExit, which code-server calls with
// --vscode-option enable-smoke-test-driver), then checks the Problems panel and the
// status bar, saving screenshots.
//   node driver.mjs URL OUT_DIR
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [url, out] = process.argv.slice(2);
const TESTS_TIMEOUT_MS = 240_000;
const browserLog = [];

function fail(message) {
  console.error(`vscode-e2e driver: FAILED: ${message}`);
  process.exitCode = 1;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("console", (m) => browserLog.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => browserLog.push(`[pageerror] ${e.message}`));
  let exited;
  const exitCode = new Promise((resolve) => (exited = resolve));
  await page.exposeFunction("codeAutomationExit", (code) => exited(code));
  await page.goto(url);
  // The host-side tests signal when their API checks are done and wait for ours.
  const started = Date.now();
  let code = await hostReady("problems", exitCode);
  if (code === undefined) {
    console.log(`vscode-e2e driver: extension-host checks done after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    try {
      await browserChecks(page);
    } finally {
      fs.writeFileSync(path.join(out, "browser-problems"), "");
    }
    code = await hostReady("missing-binary", exitCode);
  }
  if (code === undefined) {
    try {
      // Shown as a toast, or (while tests run, VS Code may keep toasts quiet) in the
      // notification centre behind the bell.
      const message = /piitrace binary was not found/;
      const toast = page.locator(".notification-toast").filter({ hasText: message });
      if (!(await toast.first().isVisible())) {
        await page.locator(".statusbar-item").filter({ has: page.locator("[class*=codicon-bell]") }).first().click();
      }
      await page.locator(".notification-list-item").filter({ hasText: message }).first().waitFor({ timeout: 30_000 });
      console.log("vscode-e2e driver: a missing binary is reported in a notification");
      await page.screenshot({ path: path.join(out, "missing-binary.png") });
    } catch (e) {
      await page.screenshot({ path: path.join(out, "missing-binary-failure.png") });
      fail(`no notification about the missing binary: ${e instanceof Error ? e.message : e}`);
    } finally {
      fs.writeFileSync(path.join(out, "browser-missing-binary"), "");
    }
    // The host's verdict: its exit code, or (sooner: the host takes its time to
    // shut down) the last line of its log.
    const deadline = Date.now() + 60_000;
    while (code === undefined && Date.now() < deadline) {
      code = await Promise.race([exitCode, new Promise((r) => setTimeout(() => r(hostVerdict()), 250))]);
    }
    code ??= "timeout";
  }
  if (code !== 0) {
    await page.screenshot({ path: path.join(out, "failure.png") });
    fail(`extension-host tests: ${code === "timeout" ? "no result in time" : `exit code ${code}`}`);
  } else {
    console.log("vscode-e2e driver: extension-host tests passed");
  }
} catch (e) {
  fail(e instanceof Error ? e.stack : String(e));
} finally {
  fs.writeFileSync(path.join(out, "browser-console.log"), browserLog.join("\n") + "\n");
  await browser.close();
}

/** Waits for the host's `host-NAME` file; the host's exit code if it ends first. */
async function hostReady(name, exitCode) {
  const ready = path.join(out, `host-${name}`);
  const started = Date.now();
  while (!fs.existsSync(ready)) {
    if (Date.now() - started > TESTS_TIMEOUT_MS) {
      return "timeout";
    }
    const code = await Promise.race([exitCode, new Promise((r) => setTimeout(() => r(undefined), 250))]);
    if (code !== undefined) {
      return code;
    }
  }
  return undefined;
}

function hostVerdict() {
  const log = path.join(out, "extension-host.log");
  const last = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").pop() : "";
  if (/ PASS$/.test(last ?? "")) return 0;
  if (/ FAIL: /.test(last ?? "")) return 1;
  return undefined;
}

async function browserChecks(page) {
  // The status bar item counts the findings; clicking it opens the Problems panel.
  const item = page.locator(".statusbar-item").filter({ hasText: /piitrace: \d+/ }).first();
  await item.waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(out, "editor.png") });
  const text = (await item.innerText()).trim();
  const count = Number(/piitrace: (\d+)/.exec(text)?.[1] ?? 0);
  console.log(`vscode-e2e driver: status bar says "${text}"`);
  if (!(count > 0)) {
    fail(`the status bar counts no findings: "${text}"`);
  }
  await item.click();
  const rows = page.locator(".markers-panel .monaco-list-row");
  await rows.filter({ hasText: /PI\d{3}/ }).first().waitFor({ timeout: 30_000 });
  // Rows are rendered lazily: the files' rows are expanded, enough to read the rules.
  const texts = await rows.allInnerTexts();
  const rules = [...new Set(texts.join("\n").match(/PI\d{3}/g) ?? [])].sort();
  console.log(`vscode-e2e driver: Problems panel: ${texts.length} rows shown, rules ${rules.join(" ")}`);
  for (const rule of ["PI302", "PI103"]) {
    if (!rules.includes(rule)) {
      fail(`the Problems panel shows no ${rule}`);
    }
  }
  await page.screenshot({ path: path.join(out, "problems.png") });
  await page.screenshot({ path: path.join(out, "problems.jpg"), type: "jpeg", quality: 70 });
}
