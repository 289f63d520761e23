// Which language the Winsock documentation is shown in.
import type { Lang } from '../model/types';

/** The values of the `winsockLens.docs.language` setting. */
export type DocsLanguageSetting = 'auto' | 'en' | 'ru';

/**
 * `en` and `ru` are taken as they are; `auto` (and anything unknown, such as a hand-edited
 * settings.json value) follows the editor's display language: Russian for `ru` and `ru-*`,
 * English otherwise.
 */
export function chooseDocsLanguage(setting: string | undefined, displayLanguage: string): Lang {
  if (setting === 'en' || setting === 'ru') return setting;
  return /^ru(?:$|[-_])/i.test(displayLanguage) ? 'ru' : 'en';
}
