// The rule pages (docs/rules/<id>.md), bundled as text for SARIF's rule help and descriptions.
import type { RuleId } from '../core/lint/types';
import sendAfterDisconnect from '../docs/rules/send-after-disconnect.md';
import reuseAfterDisconnect from '../docs/rules/reuse-after-disconnect.md';
import missingClosesocket from '../docs/rules/missing-closesocket.md';
import disconnectDataOnTcp from '../docs/rules/disconnect-data-on-tcp.md';
import uncheckedResult from '../docs/rules/unchecked-result.md';
import wrongSentinel from '../docs/rules/wrong-sentinel.md';
import useAfterClosesocket from '../docs/rules/use-after-closesocket.md';
import notInitialized from '../docs/rules/not-initialized.md';
import lingerHasNoEffect from '../docs/rules/linger-has-no-effect.md';
import blockingCallInApc from '../docs/rules/blocking-call-in-apc.md';
import disconnectOnConnectionless from '../docs/rules/disconnect-on-connectionless.md';
import repeatedDisconnect from '../docs/rules/repeated-disconnect.md';

export const RULE_PAGES: Readonly<Record<RuleId, string>> = {
  'send-after-disconnect': sendAfterDisconnect,
  'reuse-after-disconnect': reuseAfterDisconnect,
  'missing-closesocket': missingClosesocket,
  'disconnect-data-on-tcp': disconnectDataOnTcp,
  'unchecked-result': uncheckedResult,
  'wrong-sentinel': wrongSentinel,
  'use-after-closesocket': useAfterClosesocket,
  'not-initialized': notInitialized,
  'linger-has-no-effect': lingerHasNoEffect,
  'blocking-call-in-apc': blockingCallInApc,
  'disconnect-on-connectionless': disconnectOnConnectionless,
  'repeated-disconnect': repeatedDisconnect,
};

/** The "## What it finds" section on one line (its list items joined): the rule's full description. */
export function fullDescription(page: string): string {
  const heading = '## What it finds';
  const at = page.indexOf(heading);
  const after = at === -1 ? page.replace(/^# .*\n/, '') : page.slice(at + heading.length);
  const section = after.split(/\n## /)[0] ?? '';
  return section.replace(/\n\s*-\s+/g, ' ').replace(/\s*\n\s*/g, ' ').trim();
}

/** The page without its title line and with the description and "Bad"/"Good" sections kept: markdown help. */
export function markdownHelp(page: string): string {
  return page.replace(/^# .*\n+/, '').trim();
}
