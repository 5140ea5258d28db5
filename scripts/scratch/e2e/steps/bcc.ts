/**
 * A BCC-active sender (docs/email-logging.md, "API and BCC logging together: never twice"): the
 * admin activates Email to Salesforce (BCC) as the BCC tab does (BccController.activate, as the
 * admin), Sales Insight must learn it (the settings change in the emulator), and then an e-mail of
 * theirs sent through the API is left to BCC — answered `duplicate` with no Task written — while
 * a call of theirs (which BCC cannot log) is logged. BCC is deactivated again whatever happens.
 *
 * Salesforce has no API that gives a user's Email-to-Salesforce address, and nothing here mails
 * it: the address is a made-up one of the shape the package accepts.
 */
import { workbenchOf, type E2eContext } from '../context.ts';
import { pollUntil } from '../poll.ts';
import { failed, passed, type Step } from '../runner.ts';
import { apexPrint } from '../salesforce.ts';
import { addressOf, createContact, loggedOn, logAndAwait, saveOrgSettings } from './email.ts';
import { adminOf } from './setup.ts';

/** An Email-to-Salesforce address of the shape BccActivationService accepts, unique to the run. */
export function bccAddressOf(runId: string): string {
  return `emailtosalesforce@${runId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.sisync-e2e.le.salesforce.com`;
}

async function bccSave(context: E2eContext, call: string): Promise<void> {
  const answer = await context.salesforce.apex(apexPrint(call));
  const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  if (record['saved'] !== true) throw new Error(`${call} was refused: ${JSON.stringify(record['problems'] ?? record)}`);
}

async function awaitBccSeen(context: E2eContext, email: string): Promise<void> {
  const workbench = workbenchOf(context);
  await pollUntil(context.waiting, `the emulator to see ${email}'s BCC logging active`, async () => {
    const settings = (await workbench.user(email))?.['settings'];
    return Array.isArray(settings) && settings.some((row: Record<string, unknown>) => row['bccActive'] === true) ? true : undefined;
  });
}

const bccSender: Step<E2eContext> = {
  name: 'bcc-sender',
  proves: "a BCC-active sender's e-mail is left to BCC (not logged by the API), their call is logged",
  needs: ['heartbeat'],
  async run(context) {
    const { email } = await adminOf(context);
    await saveOrgSettings(context, {
      apiLoggingEnabled: 'true',
      logToContacts: 'true',
      logToOpportunities: 'false',
      multipleMatchRule: 'all',
      noMatchRule: 'doNotLog',
    });
    const address = addressOf(context, 'bcc');
    const contact = await createContact(context, 'BCC', address);
    const bcc = bccAddressOf(context.runId);
    await bccSave(context, `BccController.activate('${bcc}')`);
    try {
      await awaitBccSeen(context, email);
      const mail = await logAndAwait(context, { kind: 'sentEmail', to: address, subject: `sisync ${context.runId} BCC e-mail` });
      const mailed = await loggedOn(context, mail.siaMessageId);
      if (mail.state !== 'done' || mail.detail !== 'duplicate') {
        return failed(`the e-mail was answered ${mail.state ?? ''} ${mail.detail ?? ''}, not duplicate (left to BCC)`);
      }
      if (mailed.tasks.length > 0) return failed(`the e-mail was left to BCC, yet the API wrote Tasks ${mailed.tasks.join(', ')}`);
      const call = await logAndAwait(context, {
        kind: 'call',
        to: address,
        subject: `sisync ${context.runId} BCC call`,
        callOutcome: 'Connected',
      });
      if (call.state !== 'done' || call.detail !== 'applied')
        return failed(`the call was answered ${call.state ?? ''} ${call.detail ?? ''}, not applied`);
      const called = await loggedOn(context, call.siaMessageId);
      if (called.records.join() !== contact)
        return failed(`the call is logged on ${called.records.join(', ') || 'nothing'}, not Contact ${contact}`);
      return passed(`e-mail left to BCC (duplicate, no Task); call logged on ${contact} (Task ${called.tasks.join(', ')})`);
    } finally {
      await bccSave(context, 'BccController.deactivate()');
    }
  },
};

export const BCC_STEPS: readonly Step<E2eContext>[] = [bccSender];
