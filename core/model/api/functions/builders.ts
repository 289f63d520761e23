// Small builders for the function tables: they keep the entries readable and make every text
// carry both languages.
import type { ErrorCondition, Localized, ParamDirection, ParamDoc, Remark } from '../../types';

export function t(en: string, ru: string): Localized {
  return { en, ru };
}

export function p(name: string, type: string, direction: ParamDirection, optional: boolean, en: string, ru: string): ParamDoc {
  return { name, type, direction, optional, doc: t(en, ru) };
}

export function e(code: string, en: string, ru: string): ErrorCondition {
  return { code, when: t(en, ru) };
}

export function r(id: string, en: string, ru: string, key = false): Remark {
  return key ? { id, text: t(en, ru), key: true } : { id, text: t(en, ru) };
}
