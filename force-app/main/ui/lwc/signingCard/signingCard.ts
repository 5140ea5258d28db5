import { LightningElement, api } from 'lwc';
import generateKey from '@salesforce/apex/SigningController.generateKey';
import revokeKey from '@salesforce/apex/SigningController.revokeKey';
import acceptUnsignedCalls from '@salesforce/apex/SigningController.acceptUnsignedCalls';
import setGrace from '@salesforce/apex/SigningController.setGrace';
import TITLE from '@salesforce/label/c.SiSync_Sign_Title';
import INTRO from '@salesforce/label/c.SiSync_Sign_Intro';
import STATUS_REFUSED from '@salesforce/label/c.SiSync_Sign_StatusRefused';
import STATUS_ACCEPTED from '@salesforce/label/c.SiSync_Sign_StatusAccepted';
import STATUS_SIGNED from '@salesforce/label/c.SiSync_Sign_StatusSigned';
import STATUS_GRACE from '@salesforce/label/c.SiSync_Sign_StatusGrace';
import GENERATE from '@salesforce/label/c.SiSync_Sign_Generate';
import ACCEPT from '@salesforce/label/c.SiSync_Sign_Accept';
import REFUSE from '@salesforce/label/c.SiSync_Sign_Refuse';
import NEW_KEY_TITLE from '@salesforce/label/c.SiSync_Sign_NewKeyTitle';
import NEW_KEY_HINT from '@salesforce/label/c.SiSync_Sign_NewKeyHint';
import COPIED from '@salesforce/label/c.SiSync_Sign_Copied';
import FINGERPRINT from '@salesforce/label/c.SiSync_Sign_Fingerprint';
import ROTATED_HINT from '@salesforce/label/c.SiSync_Sign_RotatedHint';
import COLUMN_KEY from '@salesforce/label/c.SiSync_Sign_ColumnKey';
import COLUMN_SINCE from '@salesforce/label/c.SiSync_Sign_ColumnSince';
import COLUMN_STATUS from '@salesforce/label/c.SiSync_Sign_ColumnStatus';
import COLUMN_BY from '@salesforce/label/c.SiSync_Sign_ColumnBy';
import CURRENT from '@salesforce/label/c.SiSync_Sign_Current';
import RETIRING from '@salesforce/label/c.SiSync_Sign_Retiring';
import REVOKE from '@salesforce/label/c.SiSync_Sign_Revoke';
import CONFIRM_REVOKE from '@salesforce/label/c.SiSync_Sign_ConfirmRevoke';
import CANCEL from '@salesforce/label/c.SiSync_Sign_Cancel';
import ROTATE from '@salesforce/label/c.SiSync_Sign_Rotate';
import OVERLAP from '@salesforce/label/c.SiSync_Sign_Overlap';
import GRACE_DAYS from '@salesforce/label/c.SiSync_Sign_GraceDays';
import SET_GRACE from '@salesforce/label/c.SiSync_Sign_SetGrace';
import END_GRACE from '@salesforce/label/c.SiSync_Sign_EndGrace';
import FAILED from '@salesforce/label/c.SiSync_Sign_Failed';
import DONE from '@salesforce/label/c.SiSync_Sign_Done';
import { format, messageOf, showToast, type ServerError, type SettingsPage, type SigningKeyView, type SigningState } from 'c/settingsModel';

/** A key just generated: shown here once, until the admin says it is copied. */
interface NewKey {
  keyId: string;
  secret: string;
  fingerprint: string;
  previousRetireAt: string | null;
}

/** A row of the keys table. */
interface KeyRow extends SigningKeyView {
  statusLabel: string;
  confirming: boolean;
}

/**
 * "Inbound signing", for admins on the Setup tab: the org's signing state from the page's one load
 * (`SettingsPage.signing`, never a secret), and every action of `SigningController` — generate the
 * first key or rotate (with the overlap in hours), the new key's secret shown here once until the
 * admin confirms it is copied (then forgotten, and the page reloads), revoke with a confirmation,
 * record or withdraw "accept unsigned calls" while there is no key (who and when shown), and the
 * grace period for a rollout. Each change reloads the page (`saved`).
 */
export default class SigningCard extends LightningElement {
  @api page: SettingsPage | undefined;

  readonly labels = {
    title: TITLE,
    intro: INTRO,
    generate: GENERATE,
    accept: ACCEPT,
    refuse: REFUSE,
    newKeyTitle: NEW_KEY_TITLE,
    newKeyHint: NEW_KEY_HINT,
    copied: COPIED,
    fingerprint: FINGERPRINT,
    columnKey: COLUMN_KEY,
    columnSince: COLUMN_SINCE,
    columnStatus: COLUMN_STATUS,
    columnBy: COLUMN_BY,
    revoke: REVOKE,
    confirmRevoke: CONFIRM_REVOKE,
    cancel: CANCEL,
    rotate: ROTATE,
    setGrace: SET_GRACE,
    endGrace: END_GRACE,
  };

  newKey: NewKey | null = null;
  busy = false;
  error: string | null = null;
  confirmingKeyId: string | null = null;
  overlapHours: number | null = null;
  graceDays: number | null = null;

  get signing(): SigningState | null {
    return this.page?.isAdmin === true ? (this.page.signing ?? null) : null;
  }

  get hasKeys(): boolean {
    return (this.signing?.keys.length ?? 0) > 0;
  }

  get keyRows(): KeyRow[] {
    return (this.signing?.keys ?? []).map((key) => ({
      ...key,
      statusLabel: key.current ? CURRENT : RETIRING,
      confirming: this.confirmingKeyId === key.keyId,
    }));
  }

  /** What the org accepts now, in words, with who chose it and since or until when. */
  get status(): { key: string; text: string; at: string | null; warning: boolean } {
    const signing = this.signing;
    if (!signing || signing.keys.length === 0) {
      if (signing?.unsignedAcceptedAt)
        return {
          key: 'accepted',
          text: format(STATUS_ACCEPTED, signing.unsignedAcceptedByName ?? ''),
          at: signing.unsignedAcceptedAt,
          warning: true,
        };
      return { key: 'refused', text: STATUS_REFUSED, at: null, warning: true };
    }
    if (signing.graceUntil)
      return { key: 'grace', text: format(STATUS_GRACE, signing.graceSetByName ?? ''), at: signing.graceUntil, warning: true };
    return { key: 'signed', text: STATUS_SIGNED, at: null, warning: false };
  }

  get statusClass(): string {
    return this.status.warning ? 'slds-text-color_error' : 'slds-text-color_success';
  }

  get canGenerate(): boolean {
    return !this.hasKeys && this.newKey === null;
  }

  get canRotate(): boolean {
    const keys = this.signing?.keys ?? [];
    return keys.length === 1 && keys[0]?.current === true && this.newKey === null;
  }

  get canAccept(): boolean {
    return !this.hasKeys && this.signing?.unsignedAcceptedAt === null && this.newKey === null;
  }

  get canRefuse(): boolean {
    return !this.hasKeys && !!this.signing?.unsignedAcceptedAt;
  }

  get graceActive(): boolean {
    return this.hasKeys && !!this.signing?.graceUntil;
  }

  get canSetGrace(): boolean {
    return this.hasKeys && !this.signing?.graceUntil;
  }

  get overlapLabel(): string {
    return format(OVERLAP, this.signing?.maxOverlapHours ?? 168);
  }

  get graceLabel(): string {
    return format(GRACE_DAYS, this.signing?.maxGraceDays ?? 14);
  }

  get overlapValue(): number {
    return this.overlapHours ?? this.signing?.defaultOverlapHours ?? 24;
  }

  get graceValue(): number {
    return this.graceDays ?? 7;
  }

  get rotatedText(): string | null {
    return this.newKey?.previousRetireAt ? format(ROTATED_HINT, new Date(this.newKey.previousRetireAt).toLocaleString()) : null;
  }

  handleOverlap(event: CustomEvent<{ value: string }>): void {
    this.overlapHours = Number(event.detail.value);
  }

  handleGraceDays(event: CustomEvent<{ value: string }>): void {
    this.graceDays = Number(event.detail.value);
  }

  async handleGenerate(): Promise<void> {
    await this.run(async () => {
      this.newKey = (await generateKey({ overlapHours: null })) as NewKey;
    }, false);
  }

  async handleRotate(): Promise<void> {
    await this.run(async () => {
      this.newKey = (await generateKey({ overlapHours: this.overlapValue })) as NewKey;
    }, false);
  }

  /** The admin copied the key: forget it here too, and reload the page (which never carries it). */
  handleCopied(): void {
    this.newKey = null;
    this.dispatchEvent(new CustomEvent('saved'));
  }

  handleRevoke(event: Event): void {
    this.confirmingKeyId = (event.currentTarget as HTMLElement).dataset.key ?? null;
  }

  handleCancelRevoke(): void {
    this.confirmingKeyId = null;
  }

  async handleConfirmRevoke(event: Event): Promise<void> {
    const keyId = (event.currentTarget as HTMLElement).dataset.key ?? '';
    await this.run(() => revokeKey({ keyId }), true);
    this.confirmingKeyId = null;
  }

  async handleAccept(): Promise<void> {
    await this.run(() => acceptUnsignedCalls({ accept: true }), true);
  }

  async handleRefuse(): Promise<void> {
    await this.run(() => acceptUnsignedCalls({ accept: false }), true);
  }

  async handleSetGrace(): Promise<void> {
    await this.run(() => setGrace({ days: this.graceValue }), true);
  }

  async handleEndGrace(): Promise<void> {
    await this.run(() => setGrace({ days: 0 }), true);
  }

  /** One action at a time; the server's refusal is said on the card; a saved change reloads the page. */
  private async run(action: () => Promise<unknown>, reload: boolean): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
      if (reload) {
        showToast(this, DONE, DONE, 'success');
        this.dispatchEvent(new CustomEvent('saved'));
      }
    } catch (error) {
      this.error = messageOf(error as ServerError, FAILED);
    } finally {
      this.busy = false;
    }
  }
}
