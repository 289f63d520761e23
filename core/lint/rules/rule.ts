// What each rule file declares: its id, default severity, title and documentation page, and the
// words of its findings and quick fixes in English and Russian, as functions of plain values (names,
// lines, error descriptions). No syntax tree here: the analysis decides where a finding is and
// fills the words in.
import type { Localized } from '../../model/types';
import type { RuleId, Severity } from '../types';

export interface RuleMeta {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  readonly title: Localized;
  /** Relative to the repository root: `docs/rules/<id>.md`. */
  readonly docPath: string;
}

export interface RuleDefinition<M> extends RuleMeta {
  readonly messages: M;
}

export function defineRule<M>(id: RuleId, defaultSeverity: Severity, title: Localized, messages: M): RuleDefinition<M> {
  return { id, defaultSeverity, title, docPath: `docs/rules/${id}.md`, messages };
}

export function L(en: string, ru: string): Localized {
  return { en, ru };
}

/** " (only on the path through line N)" when the finding holds on some paths only. */
export function onlyOnPath(every: boolean, line: number): Localized {
  return every ? L('', '') : L(` (only on the path through line ${line})`, ` (только на пути через строку ${line})`);
}

/** A previous call and where it is: what most messages point back to. */
export interface Earlier {
  /** The call as written, shortened (`WSASendDisconnect(s, NULL)`). */
  readonly call: string;
  readonly line: number;
}

/** The titles of the quick fixes that swap WSASendDisconnect(s, NULL) and shutdown(s, SD_SEND). */
export const swapTitles = {
  toShutdown: (s: string): Localized => L(`Replace with shutdown(${s}, SD_SEND)`, `Заменить на shutdown(${s}, SD_SEND)`),
  toSendDisconnect: (s: string): Localized => L(`Replace with WSASendDisconnect(${s}, NULL)`, `Заменить на WSASendDisconnect(${s}, NULL)`),
};
