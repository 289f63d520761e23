// The one rule for the language of what Winsock Lens writes: every string the extension itself
// shows (hover, reference and rule pages, diagnostics, quick-fix titles, messages, pickers, the
// sandbox panel) follows `winsockLens.docs.language` ("auto" = VS Code's display language). Only
// what VS Code reads from the manifest (command names, settings descriptions, the walkthrough)
// follows the display language, because VS Code picks package.nls.*.json itself.
//
// vscode.l10n.t cannot do this: it always answers in the display language. So the Russian bundle
// (the same l10n/bundle.l10n.ru.json VS Code would load) is bundled here and looked up by the
// docs language.
import ruBundle from '../l10n/bundle.l10n.ru.json';
import type { Lang } from '../core/model/types';
import { docsLanguage } from './docsLanguage';

const BUNDLES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en: {}, ru: ruBundle as Record<string, string> };

/** `message` (the English text, the bundle's key) in `lang`, with `{0}`, `{1}` … filled from `args`. */
export function textIn(lang: Lang, message: string, ...args: readonly (string | number | boolean)[]): string {
  const template = BUNDLES[lang][message] ?? message;
  return template.replace(/\{(\d+)\}/g, (hole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : hole));
}

/** `message` in the docs language: what every user-visible string of the extension goes through. */
export function t(message: string, ...args: readonly (string | number | boolean)[]): string {
  return textIn(docsLanguage(), message, ...args);
}
