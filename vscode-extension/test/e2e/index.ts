// Runs inside VS Code's extension host (code-server, started by scripts/vscode-e2e
// with this module as extensionTestsPath), against a copy of corpus/fooddelivery.
// A rejected promise fails the run; the steps are logged to
// $PIITRACE_E2E_OUT/extension-host.log.

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";

const TIMEOUT_MS = 120_000;
const lines: string[] = [];

function log(message: string): void {
  lines.push(`${new Date().toISOString()} ${message}`);
  console.log(`[piitrace e2e] ${message}`);
  const out = process.env.PIITRACE_E2E_OUT;
  if (out) {
    fs.writeFileSync(path.join(out, "extension-host.log"), lines.join("\n") + "\n");
  }
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === "object" && code !== null) {
    return String(code.value);
  }
  return code === undefined ? undefined : String(code);
}

function piitrace(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "piitrace");
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) {
    if (doc.lineAt(i).text.includes(needle)) {
      return i;
    }
  }
  throw new Error(`no line with ${needle} in ${doc.uri.fsPath}`);
}

function at(uri: vscode.Uri, rule: string, line: number): vscode.Diagnostic | undefined {
  return piitrace(uri).find((d) => ruleOf(d) === rule && d.range.start.line === line);
}

export async function run(): Promise<void> {
  try {
    await steps();
    log("PASS");
  } catch (e) {
    log(`FAIL: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    throw e;
  }
}

async function steps(): Promise<void> {
  const extension = vscode.extensions.getExtension("piitrace.piitrace");
  check(extension, "the piitrace extension is installed");
  log(`extension at ${extension.extensionPath}`);
  await extension.activate();

  const [checkout] = await vscode.workspace.findFiles("**/CheckoutActivity.java");
  const [main] = await vscode.workspace.findFiles("**/MainActivity.java");
  check(checkout && main, "the corpus app is the workspace");
  const doc = await vscode.workspace.openTextDocument(checkout);
  const editor = await vscode.window.showTextDocument(doc);

  // Diagnostics with their rule IDs and docs links.
  const logLine = lineOf(doc, 'Log.i(TAG, "courier note: "');
  const finding = await until("PI301 on the courier-note log", () => at(checkout, "PI301", logLine));
  log(`diagnostics: ${piitrace(checkout).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`).join(" ")}`);
  const code = finding.code as { value: string; target: vscode.Uri };
  check(code.target?.toString().endsWith("docs/rules/PI301.md"), `codeDescription links the docs: ${code.target}`);
  check(finding.severity === vscode.DiagnosticSeverity.Warning, "PI301 is a warning");
  check((finding.relatedInformation ?? []).length >= 2, "the flow is related information");
  const rules = new Set(piitrace(checkout).map(ruleOf));
  for (const rule of ["PI001", "PI103", "PI302"]) {
    check(rules.has(rule), `${rule} is reported in CheckoutActivity (got ${[...rules].join(" ")})`);
  }

  // Hover: the finding and `piitrace explain`.
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    "vscode.executeHoverProvider",
    checkout,
    finding.range.start.translate(0, 2),
  );
  const hoverText = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n");
  check(hoverText.includes("PI301 personal-data-in-log"), `hover names the rule: ${hoverText.slice(0, 200)}`);
  check(hoverText.includes("What it does"), "hover has the rule's documentation");
  log("hover ok");

  // Code action: the suppression comment, applied through the editor.
  const mainDoc = await vscode.workspace.openTextDocument(main);
  const mainLog = lineOf(mainDoc, 'Log.d(TAG, "gps fix acc="');
  const mainFinding = await until("PI301 in MainActivity", () => at(main, "PI301", mainLog));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    "vscode.executeCodeActionProvider",
    main,
    mainFinding.range,
  );
  const suppress = actions.find((a) => a.title.startsWith("Suppress PI301"));
  check(suppress?.edit, `a suppression action (got ${actions.map((a) => a.title).join(", ")})`);
  check(await vscode.workspace.applyEdit(suppress.edit), "the suppression edit applies");
  check(mainDoc.lineAt(mainLog).text.includes("// piitrace:ignore PI301"), "the comment is on the line before");
  await until("PI301 suppressed in MainActivity", () =>
    piitrace(main).some((d) => ruleOf(d) === "PI301" && d.range.start.line === mainLog + 1) ? undefined : true,
  );
  log("code action ok");

  // The fixing edit: the log line goes, and so does its finding.
  await editor.edit((b) => b.delete(doc.lineAt(logLine).rangeIncludingLineBreak));
  await until("PI301 gone after the fix", () =>
    piitrace(checkout).some((d) => ruleOf(d) === "PI301") ? undefined : true,
  );
  check(piitrace(checkout).some((d) => ruleOf(d) === "PI103"), "the other findings stay");
  log("fixing edit ok");

  // The inventory command writes and shows the HTML inventory.
  const written = await vscode.commands.executeCommand<string | undefined>("piitrace.showInventory");
  check(written && fs.readFileSync(written, "utf8").includes("<html"), `the inventory is written: ${written}`);
  log("inventory ok");

  // The minimum-level setting reaches the server: notes (PI001) go, and come back.
  const config = vscode.workspace.getConfiguration("piitrace");
  await config.update("minLevel", "error", vscode.ConfigurationTarget.Global);
  await until("notes hidden at minLevel error", () =>
    piitrace(checkout).some((d) => ruleOf(d) === "PI001") ? undefined : true,
  );
  check(piitrace(checkout).some((d) => ruleOf(d) === "PI302"), "errors stay at minLevel error");
  await config.update("minLevel", undefined, vscode.ConfigurationTarget.Global);
  await until("notes back", () => (piitrace(checkout).some((d) => ruleOf(d) === "PI001") ? true : undefined));
  log("settings ok");

  // Leave the editor on a file with its findings, and the extension host running,
  // while the driver checks the Problems panel and the status bar in the browser.
  const shown = await vscode.window.showTextDocument(doc);
  const sharing = piitrace(checkout).find((d) => ruleOf(d) === "PI103");
  if (sharing) {
    shown.revealRange(sharing.range, vscode.TextEditorRevealType.InCenter);
    shown.selection = new vscode.Selection(sharing.range.start, sharing.range.start);
  }
  await handOverToDriver("problems");

  // A binary that is not there: the extension says so in a notification.
  await config.update("path", "/nonexistent/piitrace", vscode.ConfigurationTarget.Global);
  log("piitrace.path points nowhere");
  await handOverToDriver("missing-binary");
}

/** Lets the driver check the browser (`host-NAME` written, waits for `browser-NAME`),
 * with the extension host still running. */
async function handOverToDriver(name: string): Promise<void> {
  const out = process.env.PIITRACE_E2E_OUT;
  if (!out) {
    return;
  }
  fs.writeFileSync(path.join(out, `host-${name}`), "");
  log(`waiting for the driver's browser checks: ${name}`);
  await until(`the driver's browser checks: ${name}`, () =>
    fs.existsSync(path.join(out, `browser-${name}`)) ? true : undefined,
  );
}
