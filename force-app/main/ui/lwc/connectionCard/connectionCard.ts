import { LightningElement, api } from 'lwc';
import testConnection from '@salesforce/apex/ConnectionController.testConnection';
import TITLE from '@salesforce/label/c.SiSync_Conn_Title';
import INTRO from '@salesforce/label/c.SiSync_Conn_Intro';
import PAUSED from '@salesforce/label/c.SiSync_Conn_Paused';
import PAUSED_NO_REASON from '@salesforce/label/c.SiSync_Conn_PausedNoReason';
import LAST_SUCCESS from '@salesforce/label/c.SiSync_Conn_LastSuccess';
import NOT_TESTED from '@salesforce/label/c.SiSync_Conn_NotTested';
import TEST_BUTTON from '@salesforce/label/c.SiSync_Conn_TestButton';
import TESTING from '@salesforce/label/c.SiSync_Conn_Testing';
import CONNECTED from '@salesforce/label/c.SiSync_Conn_Connected';
import CONNECTED_NO_NAME from '@salesforce/label/c.SiSync_Conn_ConnectedNoName';
import NOT_LINKED_HINT from '@salesforce/label/c.SiSync_Conn_NotLinkedHint';
import NOT_AUTHORIZED from '@salesforce/label/c.SiSync_Conn_NotAuthorized';
import UNREACHABLE from '@salesforce/label/c.SiSync_Conn_Unreachable';
import TEST_ERROR from '@salesforce/label/c.SiSync_Conn_TestError';
import { messageOf, type ServerError, type SettingsPage } from 'c/settingsModel';

/** `ConnectionController.testConnection`'s answer (`ConnectionService.Check`). */
export interface ConnectionCheck {
  // eslint-disable-next-line no-restricted-globals -- a property of the Apex answer, not window.status: the rule misreads TypeScript property signatures
  status: 'connected' | 'notLinked' | 'notAuthorized' | 'unreachable' | 'failed';
  accountName: string | null;
  message: string | null;
}

/** What the card shows after a test: the outcome, and what to do about it. */
interface TestOutcome {
  message: string;
  hint: string | null;
  className: string;
}

const SUCCESS = 'slds-text-color_success';
const ERROR = 'slds-text-color_error';
const NEUTRAL = 'slds-text-color_default';

/** A label with its {0}, {1}… placeholders filled in. */
function format(label: string, ...values: string[]): string {
  return label.replace(/\{(\d+)\}/g, (placeholder, index: string) => values[Number(index)] ?? placeholder);
}

/** What each status means for the admin, and the next step. */
function outcomeOf(check: ConnectionCheck): TestOutcome {
  switch (check.status) {
    case 'connected':
      return { message: check.accountName ? format(CONNECTED, check.accountName) : CONNECTED_NO_NAME, hint: null, className: SUCCESS };
    case 'notLinked':
      return { message: check.message || NOT_LINKED_HINT, hint: check.message ? NOT_LINKED_HINT : null, className: NEUTRAL };
    case 'notAuthorized':
      return { message: NOT_AUTHORIZED, hint: null, className: ERROR };
    case 'unreachable':
      return { message: UNREACHABLE, hint: null, className: ERROR };
    default:
      return { message: check.message || TEST_ERROR, hint: null, className: ERROR };
  }
}

/**
 * "Connection": whether Salesforce and Sales Insight Actions are connected. On load it shows what
 * the relay last knew (no callout); **Test connection** asks Sales Insight now and says, for each
 * outcome, what to do.
 */
export default class ConnectionCard extends LightningElement {
  @api page: SettingsPage | undefined;

  readonly labels = { title: TITLE, intro: INTRO, lastSuccess: LAST_SUCCESS, notTested: NOT_TESTED, test: TEST_BUTTON, testing: TESTING };

  testing = false;
  outcome: TestOutcome | null = null;

  get paused(): boolean {
    return this.page?.connection.paused === true;
  }

  get pausedText(): string {
    const reason = this.page?.connection.pauseReason;
    return reason ? format(PAUSED, reason) : PAUSED_NO_REASON;
  }

  /** The last successful delivery as a timestamp (what lightning-relative-date-time takes), or null. */
  get lastSuccessAt(): number | null {
    const at = this.page?.connection.lastSuccessAt;
    const time = at ? Date.parse(at) : NaN;
    return Number.isNaN(time) ? null : time;
  }

  async handleTest(): Promise<void> {
    this.testing = true;
    this.outcome = null;
    try {
      this.outcome = outcomeOf((await testConnection()) as ConnectionCheck);
    } catch (error) {
      this.outcome = { message: messageOf(error as ServerError, TEST_ERROR), hint: null, className: ERROR };
    } finally {
      this.testing = false;
    }
  }
}
