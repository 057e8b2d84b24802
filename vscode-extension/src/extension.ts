// piitrace in VS Code: starts `piitrace lsp` for the workspace, shows the finding
// count in the status bar, and opens the personal-data inventory.

import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  status = vscode.window.createStatusBarItem("piitrace.findings", vscode.StatusBarAlignment.Left, 10);
  status.name = "piitrace findings";
  status.command = "workbench.actions.view.problems";
  context.subscriptions.push(
    status,
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.commands.registerCommand("piitrace.showInventory", showInventory),
    vscode.commands.registerCommand("piitrace.restart", () => restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("piitrace.path")) {
        void restart();
      }
    }),
  );
  updateStatus();
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function restart(): Promise<void> {
  await client?.stop();
  client = undefined;
  await start();
}

/** The configured binary, else `piitrace` on PATH; undefined when neither exists. */
export function findBinary(): string | undefined {
  const configured = vscode.workspace.getConfiguration("piitrace").get<string>("path", "").trim();
  if (configured) {
    const expanded = configured.replace(/^~(?=$|[\\/])/, os.homedir());
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const resolved = path.isAbsolute(expanded) || !folder ? expanded : path.join(folder, expanded);
    return isExecutable(resolved) ? resolved : undefined;
  }
  const names = process.platform === "win32" ? ["piitrace.exe"] : ["piitrace"];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function missingBinary(): Promise<void> {
  const configured = vscode.workspace.getConfiguration("piitrace").get<string>("path", "");
  const where = configured ? `at "${configured}" (setting piitrace.path)` : "on PATH";
  const choice = await vscode.window.showErrorMessage(
    `piitrace: the piitrace binary was not found ${where}. Install it (cargo install --path . in the piitrace repository) or set piitrace.path.`,
    "Open Settings",
  );
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "piitrace.path");
  }
}

function settings(): { rules: string[]; minLevel: string } {
  const config = vscode.workspace.getConfiguration("piitrace");
  return { rules: config.get<string[]>("rules", []), minLevel: config.get<string>("minLevel", "note") };
}

async function start(): Promise<void> {
  const binary = findBinary();
  if (!binary) {
    void missingBinary();
    return;
  }
  const serverOptions: ServerOptions = {
    command: binary,
    args: ["lsp"],
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: "**/*.{java,kt,kts,rs}" },
      { scheme: "file", pattern: "**/AndroidManifest.xml" },
    ],
    initializationOptions: settings(),
    synchronize: {
      configurationSection: "piitrace",
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{piitrace.toml,AndroidManifest.xml,*.gradle,*.gradle.kts,libs.versions.toml,*.java,*.kt,*.rs}",
      ),
    },
  };
  client = new LanguageClient("piitrace", "piitrace", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`piitrace: the language server did not start: ${e}`);
  }
}

/** How many piitrace findings the workspace has now. */
export function findingCount(): number {
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    count += diagnostics.filter((d) => d.source === "piitrace" && d.code !== undefined).length;
  }
  return count;
}

function updateStatus(): void {
  const count = findingCount();
  status.text = `$(shield) piitrace: ${count}`;
  status.tooltip = `${count} privacy finding${count === 1 ? "" : "s"} — show the Problems panel`;
  status.show();
}

/** Runs `piitrace inventory` on the workspace and shows the HTML in a webview; the
 * file written, for callers that want it. */
async function showInventory(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const binary = findBinary();
  if (!folder) {
    void vscode.window.showWarningMessage("piitrace: open a folder to list what its app collects.");
    return undefined;
  }
  if (!binary) {
    void missingBinary();
    return undefined;
  }
  const out = path.join(os.tmpdir(), `piitrace-inventory-${process.pid}.html`);
  const ran = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "piitrace: building the inventory" },
    () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = cp.spawn(binary, ["inventory", folder, "--format", "html", "--output", out]);
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", (e) => resolve({ code: -1, stderr: String(e) }));
        child.on("close", (code) => resolve({ code, stderr }));
      }),
  );
  if (ran.code !== 0) {
    void vscode.window.showErrorMessage(`piitrace inventory failed: ${ran.stderr.trim()}`);
    return undefined;
  }
  const panel = vscode.window.createWebviewPanel(
    "piitrace.inventory",
    "Personal-data inventory",
    vscode.ViewColumn.Active,
    { enableScripts: false },
  );
  panel.webview.html = fs.readFileSync(out, "utf8");
  return out;
}
