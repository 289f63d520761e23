// The rule table, assembled from one file per rule (each with its id, default severity, title,
// documentation page and the words of its findings). The order is the documentation's order.
//
// Default severities: errors where the call is sure to fail or to act on another socket (send
// after the send direction was shut, a call on a closed handle, a result test that takes success
// for failure); warnings for leaks, doubtful reuse, redundant or ineffective calls; unchecked
// results are info (cleanup right before closesocket ignores them on purpose) and warning only
// where later code relies on the call having succeeded.
import type { RuleId } from '../types';
import { blockingCallInApc } from './blocking-call-in-apc';
import { disconnectDataOnTcp } from './disconnect-data-on-tcp';
import { disconnectOnConnectionless } from './disconnect-on-connectionless';
import { lingerHasNoEffect } from './linger-has-no-effect';
import { missingClosesocket } from './missing-closesocket';
import { notInitialized } from './not-initialized';
import { repeatedDisconnect } from './repeated-disconnect';
import { reuseAfterDisconnect } from './reuse-after-disconnect';
import type { RuleMeta } from './rule';
import { sendAfterDisconnect } from './send-after-disconnect';
import { uncheckedResult } from './unchecked-result';
import { useAfterClosesocket } from './use-after-closesocket';
import { wrongSentinel } from './wrong-sentinel';

export type { RuleMeta } from './rule';
export {
  blockingCallInApc,
  disconnectDataOnTcp,
  disconnectOnConnectionless,
  lingerHasNoEffect,
  missingClosesocket,
  notInitialized,
  repeatedDisconnect,
  reuseAfterDisconnect,
  sendAfterDisconnect,
  uncheckedResult,
  useAfterClosesocket,
  wrongSentinel,
};

function metaOf(r: RuleMeta): RuleMeta {
  return { id: r.id, defaultSeverity: r.defaultSeverity, title: r.title, docPath: r.docPath };
}

export const RULES: readonly RuleMeta[] = [
  sendAfterDisconnect,
  reuseAfterDisconnect,
  missingClosesocket,
  disconnectDataOnTcp,
  uncheckedResult,
  wrongSentinel,
  useAfterClosesocket,
  notInitialized,
  lingerHasNoEffect,
  blockingCallInApc,
  disconnectOnConnectionless,
  repeatedDisconnect,
].map(metaOf);

const byId = new Map<RuleId, RuleMeta>(RULES.map((r) => [r.id, r]));

export function ruleMeta(id: RuleId): RuleMeta {
  const r = byId.get(id);
  if (!r) throw new Error(`Winsock Lens: unknown lint rule '${id}'`);
  return r;
}

export function isRuleId(s: string): s is RuleId {
  return byId.has(s as RuleId);
}
