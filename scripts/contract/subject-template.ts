/**
 * The subject-template rule of the contract. The implementation lives with the settings
 * cards (a service component), so the vectors that prove this reference prove what the
 * cards run too.
 */
export * from '../../force-app/main/ui/lwc/subjectTemplate/subjectTemplate.ts';
