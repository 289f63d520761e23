// The language server's settings, asked of the client through workspace/configuration (section
// `winsockLens`, the same keys as the VS Code extension's settings: lint.enabled, lint.rules,
// lint.defines, lint.closeFunctions, hover.enabled, docs.language), per document, and checked by the
// same core code as the extension's. A client without workspace/configuration gets the defaults
// and whatever it sends with workspace/didChangeConfiguration.
import { parseLintSettings, type EditorLintSettings } from '../core/lint/editor-settings';
import { chooseDocsLanguage } from '../core/hover/language';
import type { Lang } from '../core/model/types';

export const SETTINGS_SECTION = 'winsockLens';

export interface ServerSettings {
  readonly lint: EditorLintSettings;
  readonly hoverEnabled: boolean;
  readonly lang: Lang;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Reads the `winsockLens` object a client returns (nested, `{ lint: { rules: … } }`, or with dotted
 * keys, `{ "lint.rules": … }`, as some clients send them) into checked settings.
 * `locale` is the client's display language from `initialize` (used when docs.language is auto).
 */
export function readServerSettings(raw: unknown, locale: string): ServerSettings {
  const get = (group: string, key: string): unknown => field(field(raw, group), key) ?? field(raw, `${group}.${key}`);
  const lint = parseLintSettings({
    enabled: get('lint', 'enabled'),
    rules: get('lint', 'rules'),
    defines: get('lint', 'defines'),
    closeFunctions: get('lint', 'closeFunctions'),
  });
  const hover = get('hover', 'enabled');
  const language = get('docs', 'language');
  return {
    lint,
    hoverEnabled: typeof hover === 'boolean' ? hover : true,
    lang: chooseDocsLanguage(typeof language === 'string' ? language : undefined, locale),
  };
}
