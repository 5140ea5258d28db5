import { LightningElement, wire } from 'lwc';
import getMySettings from '@salesforce/apex/SyncSettingsController.getMySettings';
import TITLE from '@salesforce/label/c.SiSync_SummaryTitle';
import LOAD_ERROR from '@salesforce/label/c.SiSync_SummaryLoadError';
import LOCKED from '@salesforce/label/c.SiSync_SummaryLocked';
import { describeSettings, type SettingRow, type SyncSettingsView } from './settingsDescriptions';

/** The wire adapter's answer: data or an error, never both. */
interface WireResult {
  data?: SyncSettingsView;
  error?: { body?: { message?: string }; message?: string };
}

/**
 * Read-only card showing the running user's effective Sales Insight Sync settings,
 * where each value comes from, and which ones the admin has locked.
 */
export default class SyncSettingsSummary extends LightningElement {
  readonly labels = { title: TITLE, loadError: LOAD_ERROR, locked: LOCKED };

  rows: SettingRow[] = [];
  problems: string[] = [];
  errorMessage: string | undefined;
  loaded = false;

  @wire(getMySettings)
  receiveSettings({ data, error }: WireResult): void {
    if (data) {
      this.rows = describeSettings(data, this.labels.locked);
      this.problems = [...data.problems];
      this.errorMessage = undefined;
      this.loaded = true;
    } else if (error) {
      this.rows = [];
      this.problems = [];
      this.errorMessage = error.body?.message ?? error.message ?? this.labels.loadError;
      this.loaded = true;
    }
  }

  get isLoading(): boolean {
    return !this.loaded;
  }

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }
}
