// How the project model reads files: an interface the CLI fills with node:fs and the editor with
// vscode.workspace.fs, so that core/ stays free of Node built-ins. Paths are absolute, with forward
// slashes ("/src/a.c", "C:/src/a.c"); see paths.ts.

export interface FileAccess {
  /**
   * The bytes of the file at `path`, or undefined when there is no such file (or it is a folder).
   * Other failures (permissions, I/O) may throw; the project model reports them and goes on.
   */
  read(path: string): Promise<Uint8Array | undefined>;
}
