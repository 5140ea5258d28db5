/**
 * Types of the shared test vectors file
 * (unpackaged/staticresources/SiaSyncTestVectors.json). The JSON Schema in
 * docs/contract/test-vectors.schema.json is the authority; these types mirror it.
 */
import type { PayloadKind } from './canonical-json.ts';
import type { DeliveryAnswer, DeliveryOutcome } from './delivery-policy.ts';
import type { EchoHashInput } from './echo-hash.ts';
import type { MatchCandidate, MatchDecision, MatchSettings } from './matching.ts';
import type { OrgTaskPriority, WirePriority } from './priority-mapping.ts';
import type { SignatureCheck, SignatureVerdict } from './signature.ts';
import type { OrgTaskStatus, WireStatus } from './status-mapping.ts';
import type { SubjectValues } from './subject-template.ts';

/** Fields every case has. */
interface VectorCase {
  /** Unique within its section; tests are named after it. */
  readonly name: string;
  /** Why the case exists, for humans. */
  readonly note?: string;
}

/** statusMapping: an org's TaskStatus rows and the mappings both ways. */
export interface StatusMappingCase extends VectorCase {
  readonly orgStatuses: readonly OrgTaskStatus[];
  readonly expected: {
    readonly defaultOpenStatus: string | null;
    readonly completedStatus: string | null;
    readonly toWire: readonly { readonly salesforce: string | null; readonly wire: WireStatus | null }[];
    readonly fromWire: readonly { readonly wire: WireStatus; readonly salesforce: string | null }[];
  };
}

/** priorityMapping: an org's TaskPriority rows and the mappings both ways. */
export interface PriorityMappingCase extends VectorCase {
  readonly orgPriorities: readonly OrgTaskPriority[];
  readonly expected: {
    readonly toWire: readonly { readonly salesforce: string | null; readonly wire: WirePriority | null }[];
    readonly fromWire: readonly { readonly wire: WirePriority; readonly salesforce: string | null }[];
  };
}

/** echoHash: synced Task fields and their canonical string and hash. */
export interface EchoHashCase extends VectorCase {
  readonly task: EchoHashInput;
  /** Another case in the section whose hash must be identical. */
  readonly sameHashAs?: string;
  readonly expected: { readonly canonical: string; readonly hash: string };
}

/** windowEdges, first-time sync window. */
export interface InitialWindowCase extends VectorCase {
  readonly window: 'initial24h';
  readonly now: string;
  readonly createdAt: string;
  readonly lastModifiedAt: string;
  readonly expected: { readonly included: boolean };
}

/** windowEdges, deletion window. */
export interface DeletedWindowCase extends VectorCase {
  readonly window: 'deleted15d';
  readonly now: string;
  readonly deletedAt: string;
  readonly syncEnabledBefore: boolean;
  readonly expected: { readonly included: boolean };
}

/** windowEdges: either window. */
export type WindowEdgeCase = InitialWindowCase | DeletedWindowCase;

/** subjectTemplate: a template, token values and the rendered subject or the unknown tokens. */
export interface SubjectTemplateCase extends VectorCase {
  readonly template: string;
  readonly values: SubjectValues;
  readonly expected:
    | { readonly valid: true; readonly subject: string }
    | { readonly valid: false; readonly unknownTokens: readonly string[] };
}

/** matchingRules: settings, the candidates for one address, the decision. */
export interface MatchingRulesCase extends VectorCase {
  readonly settings: MatchSettings;
  readonly candidates: readonly MatchCandidate[];
  readonly expected: MatchDecision;
}

/** signatureVerification: keys, headers, body, clock and the verdict. */
export interface SignatureCase extends VectorCase, SignatureCheck {
  readonly expected: { readonly valid: boolean; readonly reason: SignatureVerdict };
}

/** deliveryPolicy: the answer to one batch and what the relay does with one row of it. */
export interface DeliveryPolicyCase extends VectorCase {
  readonly answer: DeliveryAnswer;
  readonly batchSize: number;
  /** The row's `Attempts__c` before this answer. */
  readonly attempts: number;
  readonly runningAsIntegrationUser: boolean;
  readonly expected: DeliveryOutcome & {
    /** `[min, max]` seconds until the row is due again, inclusive; null when it is not retried. */
    readonly waitSeconds: readonly [number, number] | null;
  };
}

/** keyReuse: two items under one key, in the order received, and the answer to the second. */
export interface KeyReuseCase extends VectorCase {
  readonly kind: PayloadKind;
  readonly first: Readonly<Record<string, unknown>>;
  readonly second: Readonly<Record<string, unknown>>;
  readonly expected: {
    readonly canonicalFirst: string;
    readonly canonicalSecond: string;
    readonly status: 'duplicate' | 'rejected';
    readonly reason: 'IDEMPOTENCY_KEY_REUSED' | null;
  };
}

/** The whole vectors file. */
export interface TestVectors {
  readonly version: number;
  readonly description: string;
  readonly statusMapping: readonly StatusMappingCase[];
  readonly priorityMapping: readonly PriorityMappingCase[];
  readonly echoHash: readonly EchoHashCase[];
  readonly windowEdges: readonly WindowEdgeCase[];
  readonly subjectTemplate: readonly SubjectTemplateCase[];
  readonly matchingRules: readonly MatchingRulesCase[];
  readonly signatureVerification: readonly SignatureCase[];
  readonly deliveryPolicy: readonly DeliveryPolicyCase[];
  readonly keyReuse: readonly KeyReuseCase[];
}

/** The names of the case sections of the file. */
export const VECTOR_SECTIONS = [
  'statusMapping',
  'priorityMapping',
  'echoHash',
  'windowEdges',
  'subjectTemplate',
  'matchingRules',
  'signatureVerification',
  'deliveryPolicy',
  'keyReuse',
] as const satisfies readonly (keyof TestVectors)[];
