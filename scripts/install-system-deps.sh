#!/usr/bin/env bash
# Debian packages the build and the tests need: Chromium (browser checks), ripgrep (the VS Code
# server), MinGW-w64 C and C++ (compiling snippets, examples and exported C), Wine (the real ws2_32.dll), MinGW-w64 gdb and gdbserver.exe (the debugger: gdb-multiarch has no Windows OS ABI), cppcheck
# (the lint benchmark's peer), GNU time (the lint benchmark's CPU and peak-memory figures), and the toolchain node-gyp needs for the VS Code server's addons; unzip lists the packaged .vsix; neovim is the real LSP client
# the language server's test drives (headless).
set -euo pipefail
pkgs=(chromium ripgrep libkrb5-dev pkg-config build-essential python3 gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 cppcheck wine wine64 gdb-mingw-w64 gdb-mingw-w64-target xz-utils unzip time neovim)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "install-system-deps: missing ${missing[*]} and not root; install them with apt-get" >&2; exit 1; fi
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
