// Hover documentation: what is under the cursor, and its Markdown in English or Russian.
export { symbolAt, definesName, parseIntegerLiteral, type SymbolAtCursor, type IdentifierAtCursor, type NumberAtCursor } from './symbolAt';
export { renderHover, renderReferencePage, renderErrorCodeHover, referenceCommandUri, OPEN_REFERENCE_COMMAND } from './render';
export { chooseDocsLanguage, type DocsLanguageSetting } from './language';
export { LABELS, type DocLabels } from './labels';
export { hoverAt, type HoverText } from './hoverAt';
