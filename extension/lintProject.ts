// The project model (core/project) in the editor: one Project per workspace folder, reading through
// vscode.workspace.fs (desktop, remote and virtual workspaces alike), with the folder as the upper
// bound of the searches for compile_commands.json and .winsock-lens.json. Bytes read are cached
// until the file watcher reports a change of a project file (config, database, header).
import * as vscode from 'vscode';
import type { FileAccess } from '../core/project/fileAccess';
import { formatProblem } from '../core/project/problems';
import { Project, type FileSetup } from '../core/project/project';
import { docsLanguage } from './docsLanguage';
import type { EditorLintSettings } from '../core/lint/editor-settings';
import { LINT_SECTION } from './lintSettings';

/** A core path (forward slashes) ↔ a URI of the same scheme and authority as `base`. */
function toUri(base: vscode.Uri, path: string): vscode.Uri {
  return base.with({ path: path.startsWith('/') ? path : `/${path}` });
}

/** The path of a URI as the core writes paths. */
export function corePath(uri: vscode.Uri): string {
  return uri.path;
}

class CachedFileAccess implements FileAccess {
  private readonly cache = new Map<string, Promise<Uint8Array | undefined>>();
  constructor(private readonly base: vscode.Uri) {}
  read(path: string): Promise<Uint8Array | undefined> {
    let p = this.cache.get(path);
    if (!p) {
      p = Promise.resolve(vscode.workspace.fs.readFile(toUri(this.base, path))).then(
        (b) => b,
        () => undefined, // missing (or unreadable): the project model treats it as absent
      );
      this.cache.set(path, p);
    }
    return p;
  }
  clear(): void {
    this.cache.clear();
  }
}

export class LintProjects implements vscode.Disposable {
  private readonly projects = new Map<string, { project: Project; access: CachedFileAccess; compileCommands: string | undefined }>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  private projectFor(uri: vscode.Uri): Project | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const key = folder.uri.toString();
    const setting = vscode.workspace.getConfiguration(LINT_SECTION, folder.uri).get<string>('compileCommands')?.trim() || undefined;
    const named = setting === undefined ? undefined : setting.startsWith('/') || /^[A-Za-z]:/.test(setting) ? setting.replace(/\\/g, '/') : `${folder.uri.path}/${setting}`;
    let entry = this.projects.get(key);
    if (!entry || entry.compileCommands !== named) {
      const access = new CachedFileAccess(folder.uri);
      entry = { project: new Project({ access, stopAt: folder.uri.path, ...(named !== undefined ? { compileCommands: named } : {}) }), access, compileCommands: named };
      this.projects.set(key, entry);
    }
    return entry.project;
  }

  /** What the project says about `uri` (undefined outside a workspace folder: the settings alone apply). */
  async setupFor(uri: vscode.Uri, text: string, settings: EditorLintSettings): Promise<FileSetup | undefined> {
    const project = this.projectFor(uri);
    if (!project) return undefined;
    // The settings' defines are the base; its rule severities override the config file's.
    const setup = await project.setupFor(
      corePath(uri),
      text,
      { defines: new Map(Object.entries(settings.options.defines)), closeFunctions: settings.options.closeFunctions },
      { rules: settings.options.rules },
    );
    const lang = docsLanguage();
    for (const p of project.takeProblems()) this.log.warn(formatProblem(p, lang));
    return setup;
  }

  /** A project file changed: read everything again. */
  invalidate(): void {
    for (const e of this.projects.values()) {
      e.access.clear();
      e.project.invalidate();
    }
  }

  dispose(): void {
    this.projects.clear();
  }
}
