import { SUBJECT_TOKENS, renderSubject, unknownTokens } from 'c/subjectTemplate';
import vectors from '../../../../../../unpackaged/staticresources/SiaSyncTestVectors.json';

type SubjectCase = Readonly<Record<'name', string>> & {
  template: string;
  values: Record<string, string | null>;
  expected: { valid: true; subject: string } | { valid: false; unknownTokens: string[] };
};

describe('c/subjectTemplate', () => {
  const cases = (vectors as unknown as { subjectTemplate: SubjectCase[] }).subjectTemplate;

  it('has vectors to run', () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases.map((c) => [c.name, c] as const))('renders the shared vector "%s" as Apex does', (_name, c) => {
    expect(renderSubject(c.template, c.values)).toEqual(c.expected);
  });

  it('lists the tokens the picker offers and names unknown ones as written', () => {
    expect(SUBJECT_TOKENS).toContain('sales_campaign_step');
    expect(unknownTokens('{{activity_type}} {{ activity_type }} {{deal}} {{deal}}')).toEqual([' activity_type ', 'deal']);
  });
});
