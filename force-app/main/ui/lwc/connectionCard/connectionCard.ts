import { LightningElement, api } from 'lwc';
import INTRO from '@salesforce/label/c.SiSync_Conn_Intro';
import STATUS_LABEL from '@salesforce/label/c.SiSync_Conn_StatusLabel';
import STATUS_CONNECTED from '@salesforce/label/c.SiSync_Conn_StatusConnected';
import STATUS_PAUSED from '@salesforce/label/c.SiSync_Conn_StatusPaused';
import STATUS_NOT_USED from '@salesforce/label/c.SiSync_Conn_StatusNotUsed';
import LAST_SUCCESS from '@salesforce/label/c.SiSync_Conn_LastSuccess';
import NOT_USED_HINT from '@salesforce/label/c.SiSync_Conn_NotUsedHint';
import PAUSED from '@salesforce/label/c.SiSync_Conn_Paused';
import PAUSED_NO_REASON from '@salesforce/label/c.SiSync_Conn_PausedNoReason';
import REP_PAUSED from '@salesforce/label/c.SiSync_Conn_RepPaused';
import REP_HELP from '@salesforce/label/c.SiSync_Conn_RepHelp';
import { format, type SettingsPage } from 'c/settingsModel';

/** The connection as the page load knows it: the badge, and what it means for the reader. */
interface ConnectionStatus {
  key: 'connected' | 'paused' | 'notUsed';
  label: string;
  icon: string;
  /** The badge's SLDS theme; empty for the default (grey) badge. */
  badgeClass: string;
}

const CONNECTED: ConnectionStatus = {
  key: 'connected',
  label: STATUS_CONNECTED,
  icon: 'utility:success',
  badgeClass: 'slds-theme_success',
};
const PAUSED_STATUS: ConnectionStatus = { key: 'paused', label: STATUS_PAUSED, icon: 'utility:pause', badgeClass: 'slds-theme_warning' };
const NOT_USED: ConnectionStatus = { key: 'notUsed', label: STATUS_NOT_USED, icon: 'utility:info', badgeClass: '' };

/**
 * "Connection": whether changes reach Sales Insight Actions, from what the relay last recorded in
 * the one page load (never a callout: reps hold neither `ConnectionController` nor the credential's
 * principal). Admins also see why delivery is paused and get `c-connection-test`; reps get what to
 * do when sync looks stuck.
 */
export default class ConnectionCard extends LightningElement {
  @api page: SettingsPage | undefined;

  readonly labels = {
    intro: INTRO,
    statusLabel: STATUS_LABEL,
    lastSuccess: LAST_SUCCESS,
    notUsedHint: NOT_USED_HINT,
    repPaused: REP_PAUSED,
    repHelp: REP_HELP,
  };

  get isAdmin(): boolean {
    return this.page?.isAdmin === true;
  }

  /** Paused first (a pause outlives the last success), then connected, else not used yet. */
  get status(): ConnectionStatus {
    if (this.page?.connection.paused) return PAUSED_STATUS;
    return this.lastSuccessAt === null ? NOT_USED : CONNECTED;
  }

  get statusConnected(): boolean {
    return this.status === CONNECTED;
  }

  get statusPaused(): boolean {
    return this.status === PAUSED_STATUS;
  }

  /** For admins: the pause and its reason (reps' loads carry no reason: it quotes the endpoint). */
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
}
