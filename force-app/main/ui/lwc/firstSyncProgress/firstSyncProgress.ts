import { LightningElement, api } from 'lwc';
import getProgress from '@salesforce/apex/TaskSyncController.getProgress';
import { format, messageOf, type InitialSyncProgress, type ServerError } from 'c/settingsModel';
import PROGRESS_HEADING from '@salesforce/label/c.SiSync_Task_ProgressHeading';
import PROGRESS_STATE from '@salesforce/label/c.SiSync_Task_ProgressState';
import STATE_QUEUED from '@salesforce/label/c.SiSync_Task_StateQueued';
import STATE_RUNNING from '@salesforce/label/c.SiSync_Task_StateRunning';
import STATE_DONE from '@salesforce/label/c.SiSync_Task_StateDone';
import STATE_FAILED from '@salesforce/label/c.SiSync_Task_StateFailed';
import STATE_STOPPED from '@salesforce/label/c.SiSync_Task_StateStopped';
import COUNT_QUEUED from '@salesforce/label/c.SiSync_Task_CountQueued';
import COUNT_HANDED_OVER from '@salesforce/label/c.SiSync_Task_CountHandedOver';
import COUNT_ALREADY_SYNCED from '@salesforce/label/c.SiSync_Task_CountAlreadySynced';
import COUNT_FAILED from '@salesforce/label/c.SiSync_Task_CountFailed';
import CHUNKS from '@salesforce/label/c.SiSync_Task_Chunks';
import LAST_ERROR from '@salesforce/label/c.SiSync_Task_LastError';
import REPLAYS_DELETES from '@salesforce/label/c.SiSync_Task_ReplaysDeletes';
import NO_DELETE_REPLAY from '@salesforce/label/c.SiSync_Task_NoDeleteReplay';
import PROGRESS_ERROR from '@salesforce/label/c.SiSync_Task_ProgressError';

/** How often the first sync's progress is read again while it is queued or running. */
export const POLL_INTERVAL_MS = 5000;

/** The words of each state of a run (`InitialSyncRun__c.State__c`). */
const STATE_WORDS: Record<InitialSyncProgress['state'], string> = {
  queued: STATE_QUEUED,
  running: STATE_RUNNING,
  done: STATE_DONE,
  failed: STATE_FAILED,
  // InitialSyncBatch ends so when sync was turned off while it ran.
  stopped: STATE_STOPPED,
};

/** What the template renders of a first sync. */
interface ProgressView {
  stateText: string;
  running: boolean;
  percent: number;
  chunksText: string;
  queuedLabel: string;
  queued: number;
  alreadySynced: number;
  failed: number;
  deletesText: string;
  lastErrorText: string | null;
}

/**
 * Whether a first sync is still going (its progress is worth reading again).
 * @param progress the run as last read
 */
export function isActive(progress: InitialSyncProgress | null): boolean {
  return progress !== null && (progress.state === 'queued' || progress.state === 'running');
}

/**
 * The running user's first-time sync: its state, a progress bar while it runs, what it
 * counted, whether it replays deletions and why it failed. While the run is queued or running it
 * reads `TaskSyncController.getProgress` again every {@link POLL_INTERVAL_MS}; once a read finds
 * it no longer active it fires `finished`, so the page can load what the run changed.
 */
export default class FirstSyncProgress extends LightningElement {
  readonly labels = {
    heading: PROGRESS_HEADING,
    countAlreadySynced: COUNT_ALREADY_SYNCED,
    countFailed: COUNT_FAILED,
  };

  /** The run as last read (from the page, then from polling). */
  current: InitialSyncProgress | null = null;
  /** Why the last read failed; polling stops then. */
  progressError: string | null = null;

  private connected = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever polling restarts or stops, so a late answer of an older read is ignored. */
  private pollGeneration = 0;

  /** The running user's latest first sync, as the page loaded it; null when there is none. */
  @api
  get progress(): InitialSyncProgress | null {
    return this.current;
  }
  set progress(value: InitialSyncProgress | null) {
    this.current = value ?? null;
    this.progressError = null;
    this.schedulePoll();
  }

  override connectedCallback(): void {
    this.connected = true;
    this.schedulePoll();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.stopPolling();
  }

  get view(): ProgressView | null {
    const progress = this.current;
    if (progress === null) return null;
    const processed = progress.chunksProcessed ?? 0;
    const total = progress.chunksTotal ?? 0;
    return {
      stateText: format(PROGRESS_STATE, STATE_WORDS[progress.state] ?? progress.state),
      running: progress.state === 'running',
      percent: total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : 0,
      chunksText: format(CHUNKS, processed, total),
      // `queued` counts the changes the run wrote to the outbox (OutboxService.enqueueResends):
      // once the run is over they are handed to delivery, not waiting on the run any more.
      queuedLabel: isActive(progress) ? COUNT_QUEUED : COUNT_HANDED_OVER,
      queued: progress.queued ?? 0,
      alreadySynced: progress.alreadySynced ?? 0,
      failed: progress.failed ?? 0,
      deletesText: progress.replaysDeletes ? REPLAYS_DELETES : NO_DELETE_REPLAY,
      lastErrorText: progress.state === 'failed' && progress.lastError ? format(LAST_ERROR, progress.lastError) : null,
    };
  }

  private schedulePoll(): void {
    this.stopPolling();
    if (!this.connected || !isActive(this.current)) return;
    const generation = this.pollGeneration;
    // A setTimeout chain, not an interval: the next read starts only after the last one answered.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.poll(generation);
    }, POLL_INTERVAL_MS);
  }

  private stopPolling(): void {
    this.pollGeneration += 1;
    if (this.pollTimer !== undefined) {
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  /** Reads the progress once and chains the next read while the sync goes on; never rejects. */
  private async poll(generation: number): Promise<void> {
    try {
      const fresh = ((await getProgress()) ?? null) as InitialSyncProgress | null;
      if (generation !== this.pollGeneration) return;
      this.current = fresh;
      this.progressError = null;
      if (isActive(fresh)) this.schedulePoll();
      else this.dispatchEvent(new CustomEvent('finished'));
    } catch (error: unknown) {
      if (generation !== this.pollGeneration) return;
      this.progressError = messageOf(error as ServerError, PROGRESS_ERROR);
    }
  }
}
