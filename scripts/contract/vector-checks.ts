/**
 * Runs one test-vector case through the reference implementation and lists
 * every difference from the expected outputs (empty = the case passes). Tests
 * assert on these lists; the negative tests feed them mutated cases to prove
 * they can fail.
 */
import { isDeepStrictEqual } from 'node:util';
import { keyReuseAnswer } from './canonical-json.ts';
import { decideDelivery, planDelivery, waitRange } from './delivery-policy.ts';
import { echoCanonical, echoHash } from './echo-hash.ts';
import { decideMatch } from './matching.ts';
import { priorityFromWire, priorityToWire } from './priority-mapping.ts';
import { verifySignature } from './signature.ts';
import { completedStatus, defaultOpenStatus, statusFromWire, statusToWire } from './status-mapping.ts';
import { renderSubject } from './subject-template.ts';
import { inDeletedWindow, inInitialWindow } from './time-windows.ts';
import type {
  DeliveryPolicyCase,
  EchoHashCase,
  KeyReuseCase,
  MatchingRulesCase,
  PriorityMappingCase,
  SignatureCase,
  StatusMappingCase,
  SubjectTemplateCase,
  TestVectors,
  WindowEdgeCase,
} from './vector-types.ts';

/** Collects "label: expected X, got Y" lines. */
class Diff {
  readonly lines: string[] = [];

  expect(label: string, actual: unknown, expected: unknown): void {
    if (!isDeepStrictEqual(actual, expected)) {
      this.lines.push(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  }
}

/** statusMapping: the derived statuses and every mapping listed. */
export function checkStatusCase(c: StatusMappingCase): string[] {
  const d = new Diff();
  d.expect('defaultOpenStatus', defaultOpenStatus(c.orgStatuses), c.expected.defaultOpenStatus);
  d.expect('completedStatus', completedStatus(c.orgStatuses), c.expected.completedStatus);
  for (const m of c.expected.toWire) d.expect(`toWire(${m.salesforce})`, statusToWire(c.orgStatuses, m.salesforce), m.wire);
  for (const m of c.expected.fromWire) d.expect(`fromWire(${m.wire})`, statusFromWire(c.orgStatuses, m.wire), m.salesforce);
  return d.lines;
}

/** priorityMapping: every mapping listed. */
export function checkPriorityCase(c: PriorityMappingCase): string[] {
  const d = new Diff();
  for (const m of c.expected.toWire) d.expect(`toWire(${m.salesforce})`, priorityToWire(c.orgPriorities, m.salesforce), m.wire);
  for (const m of c.expected.fromWire) d.expect(`fromWire(${m.wire})`, priorityFromWire(c.orgPriorities, m.wire), m.salesforce);
  return d.lines;
}

/** echoHash: canonical string and hash; `sameHashAs` is checked against the section. */
export function checkEchoHashCase(c: EchoHashCase, section: readonly EchoHashCase[] = []): string[] {
  const d = new Diff();
  d.expect('canonical', echoCanonical(c.task), c.expected.canonical);
  d.expect('hash', echoHash(c.task), c.expected.hash);
  if (c.sameHashAs !== undefined) {
    const other = section.find((o) => o.name === c.sameHashAs);
    if (!other) d.lines.push(`sameHashAs: no case named ${JSON.stringify(c.sameHashAs)}`);
    else d.expect(`hash equal to "${other.name}"`, echoHash(c.task), echoHash(other.task));
  }
  return d.lines;
}

/** windowEdges: inclusion in the 24 h or 15 d window. */
export function checkWindowCase(c: WindowEdgeCase): string[] {
  const d = new Diff();
  const included =
    c.window === 'initial24h'
      ? inInitialWindow(c.now, c.createdAt, c.lastModifiedAt)
      : inDeletedWindow(c.now, c.deletedAt, c.syncEnabledBefore);
  d.expect('included', included, c.expected.included);
  return d.lines;
}

/** subjectTemplate: rendered subject or unknown tokens. */
export function checkSubjectCase(c: SubjectTemplateCase): string[] {
  const d = new Diff();
  d.expect('result', renderSubject(c.template, c.values), c.expected);
  return d.lines;
}

/** matchingRules: matched ids (in order) and action. */
export function checkMatchingCase(c: MatchingRulesCase): string[] {
  const d = new Diff();
  d.expect('decision', decideMatch(c.settings, c.candidates), c.expected);
  return d.lines;
}

/** signatureVerification: verdict. */
export function checkSignatureCase(c: SignatureCase): string[] {
  const d = new Diff();
  d.expect('verdict', verifySignature(c), c.expected);
  return d.lines;
}

/** The jitters the wait is drawn with: both ends of [0, 1). */
const JITTER_EXTREMES = [0, 0.999999] as const;

/** Runs `body`, turning a throw into a difference: a malformed case is reported, not crashed on. */
function guarded(d: Diff, body: () => void): string[] {
  try {
    body();
  } catch (error: unknown) {
    d.lines.push(`threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  return d.lines;
}

/**
 * deliveryPolicy: every output exactly, except the wait, which is random: its
 * analytic range must equal the vector's, and the concrete waits drawn with
 * the lowest and the highest jitter must both fall inside the vector's range.
 * Nothing but the wait may depend on the jitter.
 */
export function checkDeliveryPolicyCase(c: DeliveryPolicyCase): string[] {
  const d = new Diff();
  return guarded(d, () => {
    const { waitSeconds: expectedWait, ...expectedRest } = c.expected;
    d.expect('waitSeconds range', waitRange(planDelivery(c)), expectedWait);
    JITTER_EXTREMES.forEach((j, n) => {
      const { waitSeconds, ...rest } = decideDelivery(c, () => j);
      // One line per wrong output, not one per jitter.
      if (n === 0) d.expect('decision', rest, expectedRest);
      else if (!isDeepStrictEqual(rest, expectedRest)) d.lines.push(`decision with jitter ${j} differs from jitter 0`);
      const inside =
        expectedWait === null
          ? waitSeconds === null
          : waitSeconds !== null && waitSeconds >= expectedWait[0] && waitSeconds <= expectedWait[1];
      if (!inside) d.lines.push(`waitSeconds (jitter ${j}): ${JSON.stringify(waitSeconds)} is not within ${JSON.stringify(expectedWait)}`);
    });
  });
}

/** keyReuse: both canonical strings, the status and the reason of the answer to the second item. */
export function checkKeyReuseCase(c: KeyReuseCase): string[] {
  const d = new Diff();
  return guarded(d, () => {
    const answer = keyReuseAnswer(c.first, c.second, c.kind);
    d.expect('canonicalFirst', answer.canonicalFirst, c.expected.canonicalFirst);
    d.expect('canonicalSecond', answer.canonicalSecond, c.expected.canonicalSecond);
    d.expect('status', answer.status, c.expected.status);
    d.expect('reason', answer.reason, c.expected.reason);
  });
}

/** One named case and its check, for running a whole file. */
export interface CheckedCase {
  readonly section: string;
  readonly name: string;
  readonly check: () => string[];
}

/** Every case of the file with its check, in file order. */
export function allCaseChecks(v: TestVectors): CheckedCase[] {
  const each = <T extends { name: string }>(section: string, cases: readonly T[], check: (c: T) => string[]) =>
    cases.map((c) => ({ section, name: c.name, check: () => check(c) }));
  return [
    ...each('statusMapping', v.statusMapping, checkStatusCase),
    ...each('priorityMapping', v.priorityMapping, checkPriorityCase),
    ...each('echoHash', v.echoHash, (c) => checkEchoHashCase(c, v.echoHash)),
    ...each('windowEdges', v.windowEdges, checkWindowCase),
    ...each('subjectTemplate', v.subjectTemplate, checkSubjectCase),
    ...each('matchingRules', v.matchingRules, checkMatchingCase),
    ...each('signatureVerification', v.signatureVerification, checkSignatureCase),
    ...each('deliveryPolicy', v.deliveryPolicy, checkDeliveryPolicyCase),
    ...each('keyReuse', v.keyReuse, checkKeyReuseCase),
  ];
}
