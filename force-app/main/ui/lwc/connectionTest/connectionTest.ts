import { LightningElement } from 'lwc';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import TEST_BUTTON from '@salesforce/label/c.SiSync_Conn_TestButton';
import TEST_HINT from '@salesforce/label/c.SiSync_Conn_TestHint';
import TESTING from '@salesforce/label/c.SiSync_Conn_Testing';
import CONNECTED from '@salesforce/label/c.SiSync_Conn_Connected';
import CONNECTED_NO_NAME from '@salesforce/label/c.SiSync_Conn_ConnectedNoName';
import NOT_LINKED_HINT from '@salesforce/label/c.SiSync_Conn_NotLinkedHint';
import NOT_AUTHORIZED from '@salesforce/label/c.SiSync_Conn_NotAuthorized';
import UNREACHABLE from '@salesforce/label/c.SiSync_Conn_Unreachable';
import TEST_ERROR from '@salesforce/label/c.SiSync_Conn_TestError';
import OUTCOME_SUCCESS from '@salesforce/label/c.SiSync_Conn_OutcomeSuccess';
import OUTCOME_WARNING from '@salesforce/label/c.SiSync_Conn_OutcomeWarning';
import OUTCOME_ERROR from '@salesforce/label/c.SiSync_Conn_OutcomeError';
import { format, messageOf, type ServerError } from 'c/settingsModel';

/** `ConnectionController.testConnection`'s answer (`ConnectionService.Check`). */
export interface ConnectionCheck {
  // eslint-disable-next-line no-restricted-globals -- a property of the Apex answer, not window.status: the rule misreads TypeScript property signatures
  status: 'connected' | 'notLinked' | 'notAuthorized' | 'unreachable' | 'failed';
  accountName: string | null;
  message: string | null;
}

/** How an outcome looks: the scoped notification's theme and its icon. */
type Tone = 'success' | 'warning' | 'error';

const TONES: Readonly<Record<Tone, { icon: string; iconVariant: string; iconText: string }>> = {
  success: { icon: 'utility:success', iconVariant: 'inverse', iconText: OUTCOME_SUCCESS },
  warning: { icon: 'utility:warning', iconVariant: '', iconText: OUTCOME_WARNING },
  error: { icon: 'utility:error', iconVariant: 'inverse', iconText: OUTCOME_ERROR },
};

/** What the test says: the outcome, what to do about it, and how it looks. */
interface TestOutcome {
  tone: Tone;
  message: string;
  hint: string | null;
  className: string;
  icon: string;
  iconVariant: string;
  iconText: string;
}

function outcome(tone: Tone, message: string, hint: string | null = null): TestOutcome {
  return {
    tone,
    message,
    hint,
    className: `slds-scoped-notification slds-media slds-media_center slds-var-m-top_small slds-theme_${tone}`,
    ...TONES[tone],
  };
}

/** What each status means for the admin, and the next step. */
function outcomeOf(check: ConnectionCheck): TestOutcome {
  switch (check.status) {
    case 'connected':
      return outcome('success', check.accountName ? format(CONNECTED, check.accountName) : CONNECTED_NO_NAME);
    case 'notLinked':
      return outcome('warning', check.message || NOT_LINKED_HINT, check.message ? NOT_LINKED_HINT : null);
    case 'notAuthorized':
      return outcome('error', NOT_AUTHORIZED);
    case 'unreachable':
      return outcome('error', UNREACHABLE);
    default:
      return outcome('error', check.message || TEST_ERROR);
  }
}

/**
 * **Test connection** (admins only: the Admin permission set grants `ConnectionController` and the
 * credential's principal; the User set grants neither): asks Sales Insight now, one callout, and
 * says for each outcome what it means and what to do, in a scoped notification. The only component
 * that imports `ConnectionController`, so a page that does not render it offers no callout.
 */
export default class ConnectionTest extends LightningElement {
  readonly labels = { test: TEST_BUTTON, hint: TEST_HINT, testing: TESTING };

  testing = false;
  outcome: TestOutcome | null = null;

  async handleTest(): Promise<void> {
    this.testing = true;
    this.outcome = null;
    try {
      this.outcome = outcomeOf((await testConnection()) as ConnectionCheck);
    } catch (error) {
      this.outcome = outcome('error', messageOf(error as ServerError, TEST_ERROR));
    } finally {
      this.testing = false;
    }
  }
}
