// The project model for the language server: each file's nearest `.winsock-lens.json` and
// compile_commands.json, and the macros of its quoted headers (core/project), layered as in the
// editor: the client's lint.defines and lint.closeFunctions below, its lint.rules on top. Only
// documents the server can read from disk (file: URIs) have a project; others get the settings.
import type { LintOptions } from '../core/lint/types';
import type { FileAccess } from '../core/project/fileAccess';
import { formatProblem } from '../core/project/problems';
import { Project } from '../core/project/project';
import type { Lang } from '../core/model/types';
import type { ServerSettings } from './settings';

export interface ProjectAccess {
  readonly access: FileAccess;
  /** The absolute path (forward slashes) of a document URI, or undefined where it has none. */
  readonly pathOf: (uri: string) => string | undefined;
}

export interface DocumentSetup {
  readonly options: Omit<LintOptions, 'language'>;
  readonly ignored: boolean;
  /** Problems of the config files and databases read for it, once each, worded in `lang`. */
  readonly problems: readonly string[];
}

export class ServerProject {
  private readonly project: Project | undefined;

  constructor(private readonly files: ProjectAccess | undefined) {
    this.project = files ? new Project({ access: files.access }) : undefined;
  }

  /** A config file or a compilation database may have changed: read them again. */
  invalidate(): void {
    this.project?.invalidate();
  }

  async setupFor(uri: string, text: string, settings: ServerSettings, lang: Lang): Promise<DocumentSetup> {
    const file = this.files?.pathOf(uri);
    if (!this.project || !file) return { options: settings.lint.options, ignored: false, problems: [] };
    const base = settings.lint.options;
    const setup = await this.project.setupFor(
      file,
      text,
      { defines: new Map(Object.entries(base.defines)), closeFunctions: base.closeFunctions },
      { rules: base.rules },
    );
    return { options: setup.options, ignored: setup.ignored, problems: this.project.takeProblems().map((p) => formatProblem(p, lang)) };
  }
}
